package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What getUpdated and getDeleted read from the store: ids modified or deleted in a window, and per object how far
 * back the recycle bin still reaches after purges. Callers hold the record store's lock.
 */
final class ReplicationLedger {

    private final RecordTable table;
    private final Map<String, Instant> earliestDeletedAvailable = new HashMap<>();

    ReplicationLedger(RecordTable table) {
        this.table = table;
    }

    void clear() {
        earliestDeletedAvailable.clear();
    }

    /** Notes that a record of {@code object} deleted at {@code deletedDate} was purged from the recycle bin. */
    void purged(String object, Instant deletedDate) {
        earliestDeletedAvailable.merge(object, deletedDate.plusSeconds(1), (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Ids of live records whose SystemModstamp is in [{@code from}, {@code to}). */
    List<String> updatedIds(ObjectDef object, Instant from, Instant to) {
        return table.of(object).stream()
                .filter(r -> !r.deleted() && !r.modstamp().isBefore(from) && r.modstamp().isBefore(to))
                .map(SfRecord::id).toList();
    }

    /** Recycle-bin entries of {@code object} deleted in [{@code from}, {@code to}). */
    List<DeletedEntry> deleted(ObjectDef object, Instant from, Instant to) {
        return table.of(object).stream()
                .filter(r -> r.deleted() && !r.deletedDate().isBefore(from) && r.deletedDate().isBefore(to))
                .map(r -> new DeletedEntry(r.id(), r.deletedDate())).toList();
    }

    /** The time before which deleted records of {@code object} may have been purged; {@code orgCreated} if none. */
    Instant earliestDateAvailable(ObjectDef object, Instant orgCreated) {
        return earliestDeletedAvailable.getOrDefault(object.name(), orgCreated);
    }
}
