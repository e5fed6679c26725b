package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The org's records in memory, thread-safe behind one read-write lock: create, update, upsert by external id, delete
 * into a 15-day recycle bin (with Salesforce's cascades), merge, and the reads queries and replication need.
 * Modification stamps come from the sandbox clock, whole seconds, never decreasing. The work is done by
 * {@link RecordWriter}, {@link Upserter}, {@link RecycleBin}, {@link Merger} and {@link ReplicationLedger} over one
 * {@link RecordTable}; this class takes the lock around them.
 */
public final class RecordStore {

    /** How long deleted records stay in the recycle bin (and so visible to getDeleted). */
    public static final Duration RECYCLE_BIN_RETENTION = RecycleBin.RETENTION;

    private final Schema schema;
    private final Clock clock;
    private final String userId;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final RecordTable table;
    private final ModStamps stamps;
    private final ReplicationLedger ledger;
    private final RecycleBin bin;
    private final RecordWriter writer;
    private final Upserter upserter;
    private final Merger merger;
    private final ChangeCapture capture;

    /**
     * @param userId     the integration user, who owns and modifies what the API writes
     * @param otherUsers the org's other users, who may own records
     */
    public RecordStore(Schema schema, Clock clock, String userId, java.util.Set<String> otherUsers) {
        this.schema = schema;
        this.clock = clock;
        this.userId = userId;
        this.table = new RecordTable(schema);
        this.stamps = new ModStamps(clock);
        this.ledger = new ReplicationLedger(table);
        this.capture = new ChangeCapture(clock, userId);
        this.bin = new RecycleBin(table, ledger, stamps, capture);
        this.writer = new RecordWriter(schema, table, stamps, userId, users(userId, otherUsers), capture);
        this.upserter = new Upserter(schema, table, writer);
        this.merger = new Merger(table, writer, bin, stamps, capture);
    }

    private static java.util.Set<String> users(String userId, java.util.Set<String> otherUsers) {
        java.util.Set<String> users = new java.util.HashSet<>(otherUsers);
        users.add(userId);
        return users;
    }

    public Schema schema() {
        return schema;
    }

    public String userId() {
        return userId;
    }

    /**
     * Where the changes of each write call go (Change Data Capture): called under the store's write lock, in commit
     * order; seeding publishes nothing.
     */
    public void onChanges(java.util.function.Consumer<ChangeCapture.Transaction> listener) {
        capture.listener(listener);
    }

    /** Empties the org; seed records follow with {@link #seed}, then {@link #seeded()}. */
    public void reset(Instant created) {
        write(() -> {
            capture.mute(true);
            table.clear();
            ledger.clear();
            bin.clear();
            stamps.reset(created);
            return null;
        });
    }

    /** Loads one seed record as if created at {@code created} and last modified at {@code modified}. */
    public String seed(WriteRequest request, Instant created, Instant modified) {
        return write(() -> {
            stamps.startAt(created);
            SaveOutcome outcome = writer.create(request);
            if (!outcome.success() || outcome.id() == null) {
                throw new IllegalStateException("seed record rejected: " + outcome.errors());
            }
            SfRecord record = table.get(writer.objectOf(request), outcome.id());
            Instant stamp = modified.truncatedTo(ChronoUnit.SECONDS);
            record.put("CreatedDate", created.truncatedTo(ChronoUnit.SECONDS));
            record.put("SystemModstamp", stamp);
            record.put("LastModifiedDate", stamp);
            return outcome.id();
        });
    }

    /** Puts a seed record in the recycle bin as if deleted at {@code when}. */
    public void seedDeletion(String id, Instant when) {
        write(() -> {
            bin.remove(table.find(id).orElseThrow(), when.truncatedTo(ChronoUnit.SECONDS));
            return null;
        });
    }

    /** Ends seeding: from now on stamps come from the clock. */
    public void seeded() {
        write(() -> {
            capture.mute(false);
            stamps.startAt(stamps.orgCreated());
            return stamps.next();
        });
    }

    /** Inserts one record. */
    public SaveOutcome create(WriteRequest request) {
        return write(() -> writer.create(request));
    }

    /** Changes one record identified by {@code request.id()}. */
    public SaveOutcome update(WriteRequest request) {
        ObjectDef object = writer.objectOf(request);
        if (request.id() == null || request.id().isEmpty()) {
            return SaveOutcome.failed(null, SaveError.of("MISSING_ARGUMENT", "Id not specified in an update call"));
        }
        return write(() -> writer.update(object, request.id(), request.values()));
    }

    /** Upserts records of {@code objectName} matched on {@code externalIdField} (an external id field, or Id). */
    public List<SaveOutcome> upsert(String objectName, String externalIdField, List<WriteRequest> requests) {
        return write(() -> upserter.upsert(objectName, externalIdField, requests));
    }

    /** Moves a record (and what Salesforce deletes with it) to the recycle bin. */
    public SaveOutcome delete(String rawId) {
        return write(() -> bin.delete(rawId));
    }

    /**
     * Merges {@code loserIds} into {@code masterId}: children are re-parented to the master, the losers go to the
     * recycle bin with {@code MasterRecordId} set, and {@code masterChanges} are applied to the master.
     *
     * @return the outcome and the ids of re-parented related records
     */
    public MergeOutcome merge(WriteRequest masterChanges, List<String> loserIds) {
        return write(() -> merger.merge(masterChanges, loserIds));
    }

    /** The record with this 18-character id, deleted or not. */
    public Optional<SfRecord> find(String id) {
        return read(() -> table.find(id));
    }

    /** Snapshots of every record of {@code object} (recycle bin included when {@code includeDeleted}). */
    public List<Map<String, @Nullable Object>> rows(ObjectDef object, boolean includeDeleted) {
        purgeRecycleBin();
        return read(() -> {
            List<Map<String, @Nullable Object>> rows = new ArrayList<>();
            for (SfRecord record : table.of(object)) {
                if (includeDeleted || !record.deleted()) {
                    rows.add(record.snapshot());
                }
            }
            return rows;
        });
    }

    /** Ids of live records whose SystemModstamp is in [{@code from}, {@code to}). */
    public List<String> updatedIds(ObjectDef object, Instant from, Instant to) {
        return read(() -> ledger.updatedIds(object, from, to));
    }

    /** Recycle-bin entries of {@code object} deleted in [{@code from}, {@code to}). */
    public List<DeletedEntry> deleted(ObjectDef object, Instant from, Instant to) {
        purgeRecycleBin();
        return read(() -> ledger.deleted(object, from, to));
    }

    /** The time before which deleted records of {@code object} may have been purged from the recycle bin. */
    public Instant earliestDateAvailable(ObjectDef object) {
        purgeRecycleBin();
        return read(() -> ledger.earliestDateAvailable(object, stamps.orgCreated()));
    }

    /** Live records per object, for the stats endpoint. */
    public Map<String, Long> counts() {
        return read(() -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (ObjectDef object : schema.objects()) {
                counts.put(object.name(), table.of(object).stream().filter(r -> !r.deleted()).count());
            }
            return counts;
        });
    }

    /** Drops recycle-bin entries older than the retention; callers must not hold the read lock. */
    private void purgeRecycleBin() {
        Instant cutoff = clock.instant().minus(RECYCLE_BIN_RETENTION);
        write(() -> {
            bin.purgeBefore(cutoff);
            return null;
        });
    }

    private <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            capture.commit();
            lock.writeLock().unlock();
        }
    }

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }
}
