package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What Pipedrive fills in itself: defaults on create (owner, visibility, deal status and currency, activity type and
 * subject ...) and fields derived from a write (a person's first and last name, a deal's won/lost/close times and
 * stage change time, an activity's done time and participants).
 */
public final class RecordRules {

    private RecordRules() {
    }

    /** The standard fields of a new record: defaults, then the write, then derived values. */
    public static Map<String, @Nullable Object> onCreate(EntityType type, Changes changes, Instant now) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        for (FieldSpec spec : EntitySchemas.of(type).fields()) {
            fields.put(spec.name(), null);
        }
        switch (type) {
            case PERSON -> {
                fields.put("owner_id", AccountData.USER_IDS.get(0));
                fields.put("emails", List.of());
                fields.put("phones", List.of());
                fields.put("visible_to", 3L);
                fields.put("label_ids", List.of());
                fields.put("marketing_status", "no_consent");
            }
            case ORGANIZATION -> {
                fields.put("owner_id", AccountData.USER_IDS.get(0));
                fields.put("visible_to", 3L);
                fields.put("label_ids", List.of());
            }
            case DEAL -> {
                fields.put("owner_id", AccountData.USER_IDS.get(0));
                fields.put("pipeline_id", 1L);
                fields.put("stage_id", 1L);
                fields.put("value", 0.0);
                fields.put("currency", "USD");
                fields.put("status", "open");
                fields.put("visible_to", 3L);
                fields.put("label_ids", List.of());
                fields.put("origin", "API");
            }
            case ACTIVITY -> {
                fields.put("type", "task");
                fields.put("owner_id", AccountData.USER_IDS.get(0));
                fields.put("creator_user_id", AccountData.USER_IDS.get(0));
                fields.put("busy", false);
                fields.put("done", false);
                fields.put("participants", List.of());
                fields.put("priority", null);
            }
        }
        Map<String, @Nullable Object> before = new LinkedHashMap<>(fields);
        fields.putAll(changes.fields());
        derive(type, before, fields, changes, now);
        if (type == EntityType.ACTIVITY && fields.get("subject") == null) {
            String kind = Objects.toString(fields.get("type"));
            fields.put("subject", kind.substring(0, 1).toUpperCase(Locale.ROOT) + kind.substring(1));
        }
        return fields;
    }

    /** The changes to store for an update: the write plus what it implies. */
    public static Map<String, @Nullable Object> onUpdate(EntityType type, Map<String, @Nullable Object> current,
                                                          Changes changes, Instant now) {
        Map<String, @Nullable Object> after = new LinkedHashMap<>(current);
        after.putAll(changes.fields());
        derive(type, current, after, changes, now);
        Map<String, @Nullable Object> delta = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            if (!Objects.equals(current.get(k), v) || changes.has(k)) {
                delta.put(k, v);
            }
        });
        return delta;
    }

    private static void derive(EntityType type, Map<String, @Nullable Object> before,
                               Map<String, @Nullable Object> after, Changes changes, Instant now) {
        String time = Rfc3339.format(now);
        switch (type) {
            case PERSON -> {
                if (changes.has("name")) {
                    String name = Objects.toString(after.get("name")).strip();
                    int space = name.lastIndexOf(' ');
                    after.put("first_name", space < 0 ? name : name.substring(0, space));
                    after.put("last_name", space < 0 ? null : name.substring(space + 1));
                }
            }
            case DEAL -> {
                if (changes.has("stage_id") && !Objects.equals(before.get("stage_id"), after.get("stage_id"))) {
                    after.put("stage_change_time", time);
                }
                if (changes.has("status") && !Objects.equals(before.get("status"), after.get("status"))) {
                    String status = Objects.toString(after.get("status"));
                    after.put("won_time", "won".equals(status) ? time : null);
                    after.put("lost_time", "lost".equals(status) ? time : null);
                    after.put("close_time", "open".equals(status) ? null : time);
                    if (!"lost".equals(status) && !changes.has("lost_reason")) {
                        after.put("lost_reason", null);
                    }
                }
            }
            case ACTIVITY -> {
                if (changes.has("done")) {
                    boolean done = Boolean.TRUE.equals(after.get("done"));
                    if (done && !Boolean.TRUE.equals(before.get("done"))) {
                        after.put("marked_as_done_time", time);
                    } else if (!done) {
                        after.put("marked_as_done_time", null);
                    }
                }
                if (changes.has("person_id") && !changes.has("participants")) {
                    Object person = after.get("person_id");
                    after.put("participants", person == null ? List.of()
                            : List.of(Map.of("person_id", person, "primary", true)));
                }
                if (changes.has("participants") && !changes.has("person_id")) {
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> participants = (List<Map<String, Object>>) after.get("participants");
                    after.put("person_id", participants == null ? null : participants.stream()
                            .filter(p -> Boolean.TRUE.equals(p.get("primary"))).findFirst()
                            .or(() -> participants.stream().findFirst())
                            .map(p -> p.get("person_id")).orElse(null));
                }
            }
            default -> { }
        }
    }
}
