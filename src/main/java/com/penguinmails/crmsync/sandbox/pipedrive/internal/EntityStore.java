package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The records of one object type, by id: lock-free reads of immutable versions; writes go through
 * {@link AccountData#write} so that multi-record changes (merges) are atomic. Soft-deleted records stay for 30 days
 * of sandbox time, then are purged.
 */
public final class EntityStore {

    /** How long Pipedrive keeps a deleted record before purging it. */
    public static final Duration PURGE_AFTER = Duration.ofDays(30);

    private final EntityType type;
    private final long firstId;
    private final ConcurrentSkipListMap<Long, StoredRecord> records = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId;
    private final RecordChangeListener listener;

    EntityStore(EntityType type, long firstId, RecordChangeListener listener) {
        this.type = type;
        this.firstId = firstId;
        this.nextId = new AtomicLong(firstId);
        this.listener = listener;
    }

    public EntityType type() {
        return type;
    }

    /** The record, deleted or not, unless purged. */
    public Optional<StoredRecord> find(long id, Instant now) {
        StoredRecord record = records.get(id);
        if (record != null && purged(record, now)) {
            records.remove(id, record);
            return Optional.empty();
        }
        return Optional.ofNullable(record);
    }

    /** A live (not deleted) record. */
    public Optional<StoredRecord> live(long id, Instant now) {
        return find(id, now).filter(r -> !r.deleted());
    }

    /** Every record not deleted, in id order; a consistent-enough snapshot for a page. */
    public List<StoredRecord> liveRecords() {
        return records.values().stream().filter(r -> !r.deleted()).toList();
    }

    public long liveCount() {
        return records.values().stream().filter(r -> !r.deleted()).count();
    }

    long newId() {
        return nextId.getAndIncrement();
    }

    /** Stores a new version of a record and tells the account's listener (under the account's write lock). */
    void put(StoredRecord record) {
        StoredRecord before = records.put(record.id(), record);
        listener.changed(type, before, record);
    }

    void clear() {
        records.clear();
        nextId.set(firstId);
    }

    private static boolean purged(StoredRecord record, Instant now) {
        return record.deletedAt() != null && !now.isBefore(record.deletedAt().plus(PURGE_AFTER));
    }
}
