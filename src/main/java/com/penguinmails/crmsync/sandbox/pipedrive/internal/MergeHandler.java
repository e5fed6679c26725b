package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The v1 {@code PUT /api/v1/persons/{id}/merge} with {@code {"merge_with_id": n}}: person {@code id} is merged into
 * {@code merge_with_id}, whose values win where both have one; emails and phones are united; the deals and
 * activities of the merged person move to the survivor; the merged person is deleted and remembers whom it was merged
 * into. Answers the surviving person in v1 shape with {@code merge_what_id}.
 */
public final class MergeHandler {

    private final AccountData data;

    public MergeHandler(AccountData data) {
        this.data = data;
    }

    public SandboxResponse merge(SandboxRequest request, Caller caller) {
        long loserId = EntityHandlers.id(request);
        JsonNode body = RecordValidator.parseObject(request.body());
        JsonNode with = body.get("merge_with_id");
        if (with == null || !with.isIntegralNumber()) {
            throw ApiError.badRequest("merge_with_id is required and must be an integer");
        }
        long survivorId = with.asLong();
        if (survivorId == loserId) {
            throw ApiError.badRequest("Cannot merge a person with itself");
        }
        StoredRecord merged = data.write(() -> {
            Instant now = data.now();
            EntityStore persons = data.store(EntityType.PERSON);
            StoredRecord loser = persons.live(loserId, now).orElseThrow(() -> ApiError.notFound("Person not found"));
            StoredRecord survivor = persons.live(survivorId, now)
                    .orElseThrow(() -> ApiError.notFound("Person not found"));
            Map<String, @Nullable Object> fields = new LinkedHashMap<>();
            loser.fields().forEach((k, v) -> {
                if (survivor.field(k) == null && v != null) {
                    fields.put(k, v);
                }
            });
            fields.put("emails", union(survivor.field("emails"), loser.field("emails")));
            fields.put("phones", union(survivor.field("phones"), loser.field("phones")));
            Map<String, @Nullable Object> custom = new LinkedHashMap<>();
            loser.customFields().forEach((k, v) -> {
                if (survivor.customFields().get(k) == null && v != null) {
                    custom.put(k, v);
                }
            });
            StoredRecord result = survivor.updated(fields, custom, now);
            persons.put(result);
            persons.put(loser.deletedAt(now, survivorId));
            relink(EntityType.DEAL, loserId, survivorId, now);
            relink(EntityType.ACTIVITY, loserId, survivorId, now);
            return result;
        });
        return Envelope.ok(v1Person(merged, loserId));
    }

    private void relink(EntityType type, long from, long to, Instant now) {
        EntityStore store = data.store(type);
        for (StoredRecord record : store.liveRecords()) {
            if (record.field("person_id") instanceof Number n && n.longValue() == from) {
                Map<String, @Nullable Object> changes = new LinkedHashMap<>();
                changes.put("person_id", to);
                if (type == EntityType.ACTIVITY) {
                    changes.put("participants", List.of(Map.of("person_id", to, "primary", true)));
                }
                store.put(record.updated(changes, Map.of(), now));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> union(@Nullable Object first, @Nullable Object second) {
        List<Map<String, Object>> all = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Object list : new Object[] {first, second}) {
            if (list instanceof List<?> points) {
                for (Map<String, Object> point : (List<Map<String, Object>>) points) {
                    String value = Objects.toString(point.get("value"), "").toLowerCase(java.util.Locale.ROOT);
                    if (seen.add(value)) {
                        Map<String, Object> copy = new LinkedHashMap<>(point);
                        copy.put("primary", all.isEmpty() && Boolean.TRUE.equals(point.get("primary")));
                        all.add(copy);
                    }
                }
            }
        }
        if (!all.isEmpty() && all.stream().noneMatch(p -> Boolean.TRUE.equals(p.get("primary")))) {
            all.get(0).put("primary", true);
        }
        return all;
    }

    private Map<String, @Nullable Object> v1Person(StoredRecord person, long mergedId) {
        Map<String, @Nullable Object> json = new LinkedHashMap<>();
        json.put("id", person.id());
        json.put("company_id", AccountData.COMPANY_ID);
        json.put("owner_id", person.field("owner_id"));
        json.put("org_id", person.field("org_id"));
        json.put("name", person.field("name"));
        json.put("first_name", person.field("first_name"));
        json.put("last_name", person.field("last_name"));
        json.put("email", person.field("emails"));
        json.put("phone", person.field("phones"));
        json.put("add_time", Rfc3339.formatV1(person.addTime()));
        json.put("update_time", Rfc3339.formatV1(person.updateTime()));
        json.put("visible_to", Objects.toString(person.field("visible_to"), null));
        json.put("active_flag", true);
        json.put("merge_what_id", mergedId);
        person.customFields().forEach(json::put);
        return json;
    }
}
