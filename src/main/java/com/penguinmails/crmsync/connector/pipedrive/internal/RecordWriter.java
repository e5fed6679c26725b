package com.penguinmails.crmsync.connector.pipedrive.internal;

import com.penguinmails.crmsync.connector.support.BoundedTasks;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.WriteResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Upserts records one call each (Pipedrive has no batch writes): {@code PATCH /{id}} for a record with a CRM id or
 * whose PenguinMails id is already in the CRM ({@link ExternalIdLookup}), else {@code POST} with the PenguinMails id
 * in its custom field, so a replay converges; a {@code POST} whose answer was lost is looked up by that id before it
 * is sent again ({@link ExternalIdLookup#findOne}), never blindly repeated. Records with the same PenguinMails id in
 * one call are written in
 * order, by one task; the rest run concurrently. Refusals (unknown or read-only fields, a missing external-id field,
 * Pipedrive's 400/404) are that record's failed result, with Pipedrive's error text and no record values.
 */
public final class RecordWriter {

    private record Plan(int index, CrmRecord record, JsonNode body) {
    }

    private final PipedriveApi api;
    private final AccountFields fields;
    private final RecordMapper mapper;
    private final ExternalIdLookup lookup;
    private final PipedriveSettings settings;

    public RecordWriter(PipedriveApi api, AccountFields fields, RecordMapper mapper, ExternalIdLookup lookup,
                        PipedriveSettings settings) {
        this.api = api;
        this.fields = fields;
        this.mapper = mapper;
        this.lookup = lookup;
        this.settings = settings;
    }

    public List<WriteResult> upsert(ObjectType type, List<CrmRecord> records) {
        Entity entity = Entity.of(type);
        AccountFields.Catalog catalog = fields.of(entity);
        String externalIdName = settings.externalIdField(entity);
        FieldDef externalIdField = catalog.custom(externalIdName).orElse(null);
        WriteResult[] results = new WriteResult[records.size()];
        List<Plan> plans = new ArrayList<>();
        Map<Integer, String> dropped = new java.util.HashMap<>();
        Map<Integer, List<String>> droppedFields = new java.util.HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            CrmRecord record = records.get(i);
            RecordMapper.WireBody body = mapper.toWire(record.fields(), catalog, externalIdField, record.externalId());
            int refusable = body.unknown().size() + body.readOnly().size();
            if (refusable > 0 && refusable < record.fields().size()) {
                dropped.put(i, body.unknown().isEmpty() ? "READ_ONLY_FIELD: Pipedrive sets " + body.readOnly()
                        + " itself" : "UNKNOWN_FIELD: " + entity.path() + " has no field " + body.unknown()
                        + " (custom fields are named custom:<Field Name>)");
                droppedFields.put(i, java.util.stream.Stream.concat(body.unknown().stream(),
                        body.readOnly().stream()).toList());
            }
            if (dropped.containsKey(i)) {
                plans.add(new Plan(i, record, body.body())); // the rest of the record is written without them
            } else if (!body.unknown().isEmpty()) {
                results[i] = WriteResult.failed(i, "UNKNOWN_FIELD", entity.path() + " has no field "
                        + body.unknown() + " (custom fields are named custom:<Field Name>)", body.unknown());
            } else if (!body.readOnly().isEmpty()) {
                results[i] = WriteResult.failed(i, "READ_ONLY_FIELD", "Pipedrive sets " + body.readOnly()
                        + " of " + entity.path() + " itself", body.readOnly());
            } else if (record.crmId() == null && record.externalId() != null && externalIdField == null) {
                results[i] = WriteResult.failed(i, "EXTERNAL_ID_FIELD_MISSING", entity.path()
                        + " has no custom field '" + externalIdName + "' to upsert by; create it in Pipedrive or set "
                        + "the connection setting externalIdField." + entity.path(), List.of());
            } else {
                plans.add(new Plan(i, record, body.body()));
            }
        }
        Set<String> sought = new LinkedHashSet<>();
        plans.stream().filter(p -> p.record().crmId() == null && p.record().externalId() != null)
                .forEach(p -> sought.add(p.record().externalId()));
        Map<String, String> existing = sought.isEmpty() || externalIdField == null ? Map.of()
                : lookup.find(entity, externalIdField, sought);
        Map<String, List<Plan>> groups = new LinkedHashMap<>();
        for (Plan plan : plans) {
            String key = plan.record().crmId() == null && plan.record().externalId() != null
                    ? "x:" + plan.record().externalId() : "#" + plan.index();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(plan);
        }
        List<Runnable> tasks = new ArrayList<>();
        for (List<Plan> group : groups.values()) {
            tasks.add(() -> write(entity, catalog, group, existing, results));
        }
        BoundedTasks.runAll("pipedrive-write", tasks, settings.writeConcurrency());
        dropped.forEach((i, reason) -> results[i] = results[i].without(droppedFields.get(i), reason));
        return Arrays.asList(results);
    }

    private void write(Entity entity, AccountFields.Catalog catalog, List<Plan> group, Map<String, String> existing,
                       WriteResult[] results) {
        @Nullable String known = null;
        for (Plan plan : group) {
            CrmRecord record = plan.record();
            String target = record.crmId() != null ? record.crmId()
                    : known != null ? known : record.externalId() != null ? existing.get(record.externalId()) : null;
            try {
                if (target != null) {
                    JsonNode updated = api.update(entity, target, plan.body());
                    results[plan.index()] = WriteResult.written(plan.index(), updated.path("id").asString(target),
                            false);
                } else {
                    JsonNode created = api.add(entity, plan.body(), () -> landed(entity, catalog, record));
                    known = created.path("id").asString();
                    results[plan.index()] = WriteResult.written(plan.index(), known, true);
                }
            } catch (PipedriveRejection rejection) {
                results[plan.index()] = WriteResult.failed(plan.index(), rejection.code(),
                        Scrubber.scrub(rejection.error(), record), fieldsNamed(rejection.error(), record, catalog));
            }
        }
    }

    /** The record an earlier attempt of this create made, found by its PenguinMails id, if it landed. */
    private Optional<JsonNode> landed(Entity entity, AccountFields.Catalog catalog, CrmRecord record) {
        FieldDef field = catalog.custom(settings.externalIdField(entity)).orElse(null);
        if (record.externalId() == null || field == null) {
            return Optional.empty(); // nothing to find it by (the record carries no key to replay safely)
        }
        return lookup.findOne(entity, field, record.externalId()).map(id -> {
            ObjectNode found = api.newObject();
            found.put("id", Long.parseLong(id));
            return found;
        });
    }

    private static List<String> fieldsNamed(String error, CrmRecord record, AccountFields.Catalog catalog) {
        List<String> named = new ArrayList<>();
        for (String key : record.fields().keySet()) {
            catalog.find(key).ifPresent(field -> {
                if (error.contains("'" + field.code() + "'") || error.contains(field.code() + ":")
                        || error.contains("." + field.code())) {
                    named.add(key);
                }
            });
        }
        return named;
    }
}
