package com.penguinmails.crmsync.connector.pipedrive.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One Pipedrive field: its code (an API name such as {@code emails}, or a custom field's 40-character hash), its
 * display name and type, and the options of an enum or set field (option id to label). {@link #recordKey()} is how
 * {@code CrmRecord} fields name it: the code for standard fields, {@code custom:<name>} for custom ones.
 */
public record FieldDef(String code, String name, String type, boolean custom, Map<Long, String> options) {

    public static final String CUSTOM_PREFIX = "custom:";

    /** Standard fields Pipedrive fills in itself. */
    private static final Set<String> READ_ONLY = Set.of("id", "add_time", "update_time", "first_name", "last_name",
            "picture_id", "stage_change_time", "close_time", "won_time", "lost_time", "origin", "origin_id",
            "channel", "channel_id", "creator_user_id", "marked_as_done_time", "is_deleted");
    private static final Set<String> REQUIRED = Set.of("name", "title");

    public FieldDef {
        options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }

    public String recordKey() {
        return custom ? CUSTOM_PREFIX + name : code;
    }

    public boolean writable() {
        return custom || !READ_ONLY.contains(code);
    }

    public boolean required() {
        return !custom && REQUIRED.contains(code);
    }

    public Optional<Long> optionId(String label) {
        return options.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(label)).map(Map.Entry::getKey)
                .findFirst();
    }
}
