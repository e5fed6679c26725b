package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The account's custom fields per object type. Keys are 40-character hex hashes, derived from the seed so that the
 * same seed gives the same keys; the seeded account has the PenguinMails fields a sync needs.
 */
public final class FieldCatalog {

    /** Display names of the seeded fields. */
    public static final String LEAD_SCORE = "PenguinMails Lead Score";
    public static final String PENGUINMAILS_ID = "PenguinMails Id";
    public static final String LAST_ENGAGED = "PenguinMails Last Engaged";
    public static final String CONSENT = "PenguinMails Consent";
    public static final String COMPANY_ID = "PenguinMails Company Id";
    public static final String EMPLOYEES = "Employees";
    public static final String CAMPAIGN = "PenguinMails Campaign";

    private final long seed;
    private final Map<EntityType, List<CustomField>> fields = new ConcurrentHashMap<>();

    public FieldCatalog(long seed) {
        this.seed = seed;
        reset();
    }

    /** Back to the seeded definitions. */
    public void reset() {
        for (EntityType type : EntityType.values()) {
            fields.put(type, new CopyOnWriteArrayList<>());
        }
        add(EntityType.PERSON, 9001, LEAD_SCORE, "double", List.of());
        add(EntityType.PERSON, 9002, PENGUINMAILS_ID, "varchar", List.of());
        add(EntityType.PERSON, 9003, LAST_ENGAGED, "date", List.of());
        add(EntityType.PERSON, 9004, CONSENT, "enum", List.of(new CustomField.Option(101, "Subscribed"),
                new CustomField.Option(102, "Unsubscribed"), new CustomField.Option(103, "Bounced")));
        add(EntityType.ORGANIZATION, 9101, COMPANY_ID, "varchar", List.of());
        add(EntityType.ORGANIZATION, 9102, EMPLOYEES, "int", List.of());
        add(EntityType.DEAL, 9201, CAMPAIGN, "varchar", List.of());
    }

    public List<CustomField> custom(EntityType type) {
        return List.copyOf(fields.get(type));
    }

    public Optional<CustomField> byKey(EntityType type, String key) {
        return fields.get(type).stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /** The key of a seeded field by display name. */
    public String keyOf(EntityType type, String name) {
        return fields.get(type).stream().filter(f -> f.name().equals(name)).findFirst()
                .map(CustomField::key).orElseThrow(() -> new IllegalArgumentException("no custom field " + name));
    }

    private void add(EntityType type, long id, String name, String fieldType, List<CustomField.Option> options) {
        List<CustomField> list = new ArrayList<>(fields.get(type));
        list.add(new CustomField(type, id, hashKey(type.name() + "/" + name), name, fieldType, options));
        fields.put(type, new CopyOnWriteArrayList<>(list));
    }

    private String hashKey(String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((seed + ":" + name).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
