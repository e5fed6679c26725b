package com.penguinmails.crmsync.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CRM object types a connection syncs (its {@value #SETTING} setting, a comma-separated list such as
 * {@code contact,company}): a subset of what its CRM holds ({@link #available}); without the setting, all of them.
 */
public final class SyncObjects {

    /** The connection setting that holds them. */
    public static final String SETTING = "objects";

    private SyncObjects() {
    }

    /** The CRM's object types a connection may sync, in reading order: its company object, then its people. */
    public static List<ObjectType> available(CrmDescription crm) {
        List<ObjectType> objects = new ArrayList<>(List.of(crm.companyObject()));
        objects.addAll(crm.personObjects());
        return List.copyOf(objects);
    }

    /** The object types a connection of {@code crm} with {@code settings} syncs, in reading order. */
    public static List<ObjectType> of(CrmDescription crm, Map<String, String> settings) {
        String set = settings.get(SETTING);
        if (set == null || set.isBlank()) {
            return available(crm);
        }
        List<String> chosen = Arrays.stream(set.split(",")).map(s -> s.strip().toUpperCase(Locale.ROOT)).toList();
        return available(crm).stream().filter(type -> chosen.contains(type.name())).toList();
    }

    /** The rule of the setting on a connection of {@code crm}: a non-empty list of its object types. */
    public static SettingRule rule(CrmDescription crm) {
        String[] names = available(crm).stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
        return SettingRule.subsetOf(SETTING, "the object types synced, comma-separated: "
                + String.join(", ", names), names);
    }
}
