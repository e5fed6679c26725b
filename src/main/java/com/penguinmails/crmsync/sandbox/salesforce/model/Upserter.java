package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Upsert: each request is matched on an external id field (or Id) and becomes an update of the record holding that
 * value or a create; a value repeated within one call fails every request carrying it (DUPLICATE_EXTERNAL_ID).
 * Callers hold the record store's write lock.
 */
final class Upserter {

    private final Schema schema;
    private final RecordTable table;
    private final RecordWriter writer;

    Upserter(Schema schema, RecordTable table, RecordWriter writer) {
        this.schema = schema;
        this.table = table;
        this.writer = writer;
    }

    List<SaveOutcome> upsert(String objectName, String externalIdField, List<WriteRequest> requests) {
        ObjectDef object = schema.object(objectName).orElseThrow();
        Optional<FieldDef> key = object.field(externalIdField);
        if (key.isEmpty() || !key.get().idLookup()) {
            SaveError error = SaveError.of("INVALID_FIELD", "Field name provided, " + externalIdField
                    + " is not an External ID or indexed field for " + object.name());
            return requests.stream().map(r -> SaveOutcome.failed(null, error)).toList();
        }
        FieldDef keyField = key.get();
        Map<String, Integer> seen = new HashMap<>();
        for (WriteRequest request : requests) {
            String value = keyValue(keyField, request);
            if (value != null) {
                seen.merge(value.toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        List<SaveOutcome> outcomes = new ArrayList<>();
        for (WriteRequest request : requests) {
            outcomes.add(upsertOne(object, keyField, request, seen));
        }
        return outcomes;
    }

    private SaveOutcome upsertOne(ObjectDef object, FieldDef keyField, WriteRequest request,
                                  Map<String, Integer> seen) {
        String value = keyValue(keyField, request);
        if (keyField.type() == FieldType.ID) {
            if (value == null) {
                return create(request);
            }
            return writer.update(object, value, request.values());
        }
        if (value == null) {
            return SaveOutcome.failed(null, SaveError.of("MISSING_ARGUMENT", keyField.name() + " not specified"));
        }
        if (seen.getOrDefault(value.toLowerCase(Locale.ROOT), 0) > 1) {
            return SaveOutcome.failed(null, SaveError.of("DUPLICATE_EXTERNAL_ID",
                    "Duplicate external id specified: " + value, keyField.name()));
        }
        String existing = table.indexes().owner(object, keyField, value);
        if (existing == null) {
            return create(request);
        }
        return writer.update(object, existing, request.values());
    }

    private SaveOutcome create(WriteRequest request) {
        return writer.create(new WriteRequest(request.object(), null, request.values()));
    }

    private static @Nullable String keyValue(FieldDef keyField, WriteRequest request) {
        if (keyField.type() == FieldType.ID) {
            return request.id() == null || request.id().isEmpty() ? null : request.id();
        }
        for (Map.Entry<String, @Nullable String> e : request.values().entrySet()) {
            if (e.getKey().equalsIgnoreCase(keyField.name()) && e.getValue() != null && !e.getValue().isEmpty()) {
                return e.getValue();
            }
        }
        return null;
    }
}
