package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks Salesforce makes on a record about to be saved, after its values parsed: required fields present,
 * lookups pointing at live records of the right object (or at the integration user), unique values not taken.
 * Callers hold the record store's lock.
 */
final class RecordValidator {

    private final Schema schema;
    private final RecordTable table;
    private final java.util.Set<String> userIds;

    RecordValidator(Schema schema, RecordTable table, java.util.Set<String> userIds) {
        this.schema = schema;
        this.table = table;
        this.userIds = java.util.Set.copyOf(userIds);
    }

    /**
     * The first error of a record whose resulting values are {@code values}, of which {@code changed} are written
     * now, or empty when it may be saved.
     *
     * @param selfId the record's own id on update (its unique values are not duplicates of itself)
     */
    Optional<SaveError> check(ObjectDef object, Map<FieldDef, @Nullable Object> values, Set<FieldDef> changed,
                              @Nullable String selfId) {
        List<String> missing = new ArrayList<>();
        for (FieldDef field : object.fields()) {
            if (!field.nillable() && field.type() != FieldType.BOOLEAN && (field.createable() || field.updateable())
                    && values.get(field) == null) {
                missing.add(field.name());
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of(new SaveError("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing,
                    missing));
        }
        for (FieldDef field : changed) {
            Object value = values.get(field);
            if (field.type() == FieldType.REFERENCE && value instanceof String raw) {
                Optional<SaveError> error = checkReference(field, raw);
                if (error.isPresent()) {
                    return error;
                }
            }
            if (field.unique() && value instanceof String text) {
                String owner = table.indexes().owner(object, field, text);
                if (owner != null && !owner.equals(selfId)) {
                    return Optional.of(new SaveError("DUPLICATE_VALUE", "duplicate value found: " + field.name()
                            + " duplicates value on record with id: " + owner, List.of()));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<SaveError> checkReference(FieldDef field, String raw) {
        String id = SalesforceIds.parse(raw).orElse(raw);
        String prefix = id.substring(0, 3);
        if (field.referenceTo().contains("User")) {
            return userIds.contains(id) ? Optional.empty() : Optional.of(SaveError.of("INVALID_CROSS_REFERENCE_KEY",
                    field.label() + ": id value of incorrect type: " + raw, field.name()));
        }
        Optional<ObjectDef> target = schema.byKeyPrefix(prefix).filter(o -> field.referenceTo().contains(o.name()));
        if (target.isEmpty()) {
            return Optional.of(SaveError.of("FIELD_INTEGRITY_EXCEPTION", field.label()
                    + ": id value of incorrect type: " + raw, field.name()));
        }
        SfRecord referenced = table.get(target.get(), id);
        if (referenced == null) {
            return Optional.of(SaveError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id",
                    field.name()));
        }
        if (referenced.deleted()) {
            return Optional.of(SaveError.of("ENTITY_IS_DELETED", "entity is deleted", field.name()));
        }
        return Optional.empty();
    }
}
