package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The indexes kept in step with record values: unique fields (external ids, matched case-insensitively) to the
 * owning record, and parent ids to the records that look up to them. Callers hold the record store's lock.
 */
final class RecordIndexes {

    private final Map<String, Map<String, String>> unique = new HashMap<>();
    private final Map<String, Set<String>> children = new HashMap<>();

    void clear() {
        unique.clear();
        children.clear();
    }

    /** The id of the live record of {@code object} whose unique {@code field} holds {@code value}, if any. */
    @Nullable String owner(ObjectDef object, FieldDef field, String value) {
        return unique.getOrDefault(key(object, field), Map.of()).get(value.toLowerCase(Locale.ROOT));
    }

    /** Sets {@code field} of {@code record} to {@code value}, updating both indexes. */
    void set(SfRecord record, FieldDef field, @Nullable Object value) {
        Object old = record.raw(field.name());
        if (field.unique()) {
            Map<String, String> index = unique.computeIfAbsent(key(record.object(), field), k -> new HashMap<>());
            if (old instanceof String oldText) {
                index.remove(oldText.toLowerCase(Locale.ROOT));
            }
            if (value instanceof String newText) {
                index.put(newText.toLowerCase(Locale.ROOT), record.id());
            }
        }
        if (isParentLink(field)) {
            if (old instanceof String oldParent) {
                children.getOrDefault(oldParent, new LinkedHashSet<>()).remove(record.id());
            }
            if (value instanceof String newParent) {
                children.computeIfAbsent(newParent, k -> new LinkedHashSet<>()).add(record.id());
            }
        }
        record.put(field.name(), value);
    }

    /** Frees the unique values of a record leaving the live set; its child links stay (readers skip deleted ones). */
    void unindexUnique(SfRecord record) {
        for (FieldDef field : record.object().fields()) {
            if (field.unique() && record.raw(field.name()) instanceof String value) {
                unique.getOrDefault(key(record.object(), field), new HashMap<>())
                        .remove(value.toLowerCase(Locale.ROOT));
            }
        }
    }

    /** Ids of records (live or deleted) that have looked up to {@code parentId}; a copy. */
    List<String> childIds(String parentId) {
        return List.copyOf(children.getOrDefault(parentId, Set.of()));
    }

    /** Whether {@code field} links a record to a parent record (a createable lookup to anything but User). */
    static boolean isParentLink(FieldDef field) {
        return field.type() == FieldType.REFERENCE && field.createable() && !field.referenceTo().contains("User");
    }

    private static String key(ObjectDef object, FieldDef field) {
        return object.name() + "." + field.name();
    }
}
