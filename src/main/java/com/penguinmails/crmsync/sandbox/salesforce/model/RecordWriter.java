package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Inserts and updates one record: parse the wire text, fill create defaults, validate, then stamp and store.
 * Callers hold the record store's write lock.
 */
final class RecordWriter {

    private final Schema schema;
    private final RecordTable table;
    private final RecordValidator validator;
    private final ModStamps stamps;
    private final String userId;
    private final ChangeCapture capture;

    RecordWriter(Schema schema, RecordTable table, ModStamps stamps, String userId, java.util.Set<String> userIds,
                 ChangeCapture capture) {
        this.capture = capture;
        this.schema = schema;
        this.table = table;
        this.validator = new RecordValidator(schema, table, userIds);
        this.stamps = stamps;
        this.userId = userId;
    }

    /** The object a request names; IllegalArgumentException when the schema has no such object. */
    ObjectDef objectOf(WriteRequest request) {
        return schema.object(request.object()).orElseThrow(() -> new IllegalArgumentException(
                "sObject type '" + request.object() + "' is not supported."));
    }

    SaveOutcome create(WriteRequest request) {
        ObjectDef object = objectOf(request);
        if (request.id() != null && !request.id().isEmpty()) {
            return SaveOutcome.failed(null, SaveError.of("INVALID_FIELD_FOR_INSERT_UPDATE",
                    "cannot specify Id in an insert call", "Id"));
        }
        ValueParser.Parsed parsed = ValueParser.parse(object, request.values(), ValueParser.Mode.CREATE);
        if (parsed.error() != null) {
            return SaveOutcome.failed(null, parsed.error());
        }
        Map<FieldDef, @Nullable Object> values = new LinkedHashMap<>(parsed.values());
        for (FieldDef field : object.fields()) {
            if (field.defaultedOnCreate() && field.createable() && values.get(field) == null) {
                Object fallback = field.name().equals("OwnerId") ? userId : field.defaultValue();
                if (fallback != null) {
                    values.put(field, fallback);
                }
            }
        }
        Optional<SaveError> invalid = validator.check(object, values, values.keySet(), null);
        if (invalid.isPresent()) {
            return SaveOutcome.failed(null, invalid.get());
        }
        SfRecord record = table.newRecord(object);
        Instant now = stamps.next();
        record.put("CreatedDate", now);
        record.put("CreatedById", userId);
        apply(record, values, now);
        table.add(record);
        capture.created(record);
        return SaveOutcome.ok(record.id(), true);
    }

    /** Updates the record of {@code object} with id {@code rawId} (15 or 18 characters) from wire text. */
    SaveOutcome update(ObjectDef object, String rawId, Map<String, @Nullable String> text) {
        Optional<String> id = SalesforceIds.parse(rawId);
        if (id.isEmpty() || !id.get().startsWith(object.keyPrefix())) {
            return SaveOutcome.failed(null, SaveError.of("MALFORMED_ID", object.name() + " ID: id value of incorrect"
                    + " type: " + rawId, "Id"));
        }
        SfRecord record = table.get(object, id.get());
        if (record == null) {
            return SaveOutcome.failed(null, SaveError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
        }
        if (record.deleted()) {
            return SaveOutcome.failed(null, SaveError.of("ENTITY_IS_DELETED", "entity is deleted"));
        }
        ValueParser.Parsed parsed = ValueParser.parse(object, text, ValueParser.Mode.UPDATE);
        if (parsed.error() != null) {
            return SaveOutcome.failed(record.id(), parsed.error());
        }
        Map<FieldDef, @Nullable Object> merged = new LinkedHashMap<>();
        for (FieldDef field : object.fields()) {
            if (field.createable() || field.updateable()) {
                merged.put(field, record.raw(field.name()));
            }
        }
        merged.putAll(parsed.values());
        Optional<SaveError> invalid = validator.check(object, merged, parsed.values().keySet(), record.id());
        if (invalid.isPresent()) {
            return SaveOutcome.failed(record.id(), invalid.get());
        }
        Map<String, @Nullable Object> before = new LinkedHashMap<>();
        parsed.values().keySet().forEach(field -> before.put(field.name(), record.raw(field.name())));
        apply(record, parsed.values(), stamps.next());
        capture.updated(record, before);
        return SaveOutcome.ok(record.id(), false);
    }

    private void apply(SfRecord record, Map<FieldDef, @Nullable Object> values, Instant now) {
        for (Map.Entry<FieldDef, @Nullable Object> entry : values.entrySet()) {
            FieldDef field = entry.getKey();
            Object value = entry.getValue();
            if (value == null && field.type() == FieldType.BOOLEAN) {
                value = Boolean.FALSE;
            }
            if (value instanceof String text && field.type().isId()) {
                value = SalesforceIds.parse(text).orElse(text);
            }
            table.indexes().set(record, field, value);
        }
        record.put("LastModifiedDate", now);
        record.put("LastModifiedById", userId);
        record.put("SystemModstamp", now);
    }
}
