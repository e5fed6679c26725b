package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The org's records by object and id (recycle bin included), the id sequence per key prefix, and the
 * {@link RecordIndexes} kept in step with their values. Not thread-safe: callers hold the record store's lock.
 */
final class RecordTable {

    private final Schema schema;
    private final RecordIndexes indexes = new RecordIndexes();
    private final Map<String, Map<String, SfRecord>> records = new HashMap<>();
    private final Map<String, Long> counters = new HashMap<>();

    RecordTable(Schema schema) {
        this.schema = schema;
    }

    RecordIndexes indexes() {
        return indexes;
    }

    void clear() {
        records.clear();
        counters.clear();
        indexes.clear();
    }

    /** A new, not yet stored record of {@code object} with the next id of its key prefix. */
    SfRecord newRecord(ObjectDef object) {
        long n = counters.merge(object.keyPrefix(), 1L, Long::sum);
        return new SfRecord(object, SalesforceIds.build(object.keyPrefix(), "5g", n));
    }

    void add(SfRecord record) {
        records.computeIfAbsent(record.object().name(), k -> new LinkedHashMap<>()).put(record.id(), record);
    }

    /** The record of {@code object} with this 18-character id, deleted or not. */
    @Nullable SfRecord get(ObjectDef object, String id) {
        return records.getOrDefault(object.name(), Map.of()).get(id);
    }

    /** The record with this 18-character id, whatever its object, deleted or not. */
    Optional<SfRecord> find(String id) {
        if (id.length() < 3) {
            return Optional.empty();
        }
        return schema.byKeyPrefix(id.substring(0, 3)).map(o -> get(o, id));
    }

    /** Every stored record of {@code object}, in insertion order; a live view. */
    Collection<SfRecord> of(ObjectDef object) {
        return records.getOrDefault(object.name(), Map.of()).values();
    }

    /** Drops the stored records {@code doomed} accepts. */
    void removeIf(Predicate<SfRecord> doomed) {
        for (Map<String, SfRecord> table : records.values()) {
            table.values().removeIf(doomed);
        }
    }

    /** Live records that look up to {@code parentId}. */
    List<SfRecord> liveChildren(String parentId) {
        List<SfRecord> children = new ArrayList<>();
        for (String childId : indexes.childIds(parentId)) {
            SfRecord child = get(schema.byKeyPrefix(childId.substring(0, 3)).orElseThrow(), childId);
            if (child != null && !child.deleted()) {
                children.add(child);
            }
        }
        return children;
    }
}
