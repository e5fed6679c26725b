package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * The org's records in memory, thread-safe behind one read-write lock: create, update, upsert by external id, delete
 * into a 15-day recycle bin (with Salesforce's cascades), merge, and the reads queries and replication need.
 * Modification stamps come from the sandbox clock, whole seconds, never decreasing.
 */
public final class RecordStore {

    /** How long deleted records stay in the recycle bin (and so visible to getDeleted). */
    public static final Duration RECYCLE_BIN_RETENTION = Duration.ofDays(15);

    private final Schema schema;
    private final Clock clock;
    private final String userId;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Map<String, SfRecord>> records = new HashMap<>();
    private final Map<String, Map<String, String>> externalIds = new HashMap<>();
    private final Map<String, Set<String>> childIndex = new HashMap<>();
    private final Map<String, Instant> earliestDeletedAvailable = new HashMap<>();
    private @Nullable Instant oldestDeletion;
    private final Map<String, Long> counters = new HashMap<>();
    private Instant lastStamp = Instant.EPOCH;
    private Instant orgCreated = Instant.EPOCH;

    public RecordStore(Schema schema, Clock clock, String userId) {
        this.schema = schema;
        this.clock = clock;
        this.userId = userId;
    }

    public Schema schema() {
        return schema;
    }

    public String userId() {
        return userId;
    }

    /** Empties the org; seed records follow with {@link #seed}, then {@link #seeded()}. */
    public void reset(Instant created) {
        lock.writeLock().lock();
        try {
            records.clear();
            externalIds.clear();
            childIndex.clear();
            earliestDeletedAvailable.clear();
            counters.clear();
            oldestDeletion = null;
            orgCreated = created.truncatedTo(ChronoUnit.SECONDS);
            lastStamp = orgCreated;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Loads one seed record as if created at {@code created} and last modified at {@code modified}. */
    public String seed(WriteRequest request, Instant created, Instant modified) {
        lock.writeLock().lock();
        try {
            lastStamp = created.truncatedTo(ChronoUnit.SECONDS);
            SaveOutcome outcome = create(request);
            if (!outcome.success() || outcome.id() == null) {
                throw new IllegalStateException("seed record rejected: " + outcome.errors());
            }
            SfRecord record = records.get(objectOf(request).name()).get(outcome.id());
            Instant stamp = modified.truncatedTo(ChronoUnit.SECONDS);
            record.put("CreatedDate", lastStamp);
            record.put("SystemModstamp", stamp);
            record.put("LastModifiedDate", stamp);
            return outcome.id();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Puts a seed record in the recycle bin as if deleted at {@code when}. */
    public void seedDeletion(String id, Instant when) {
        lock.writeLock().lock();
        try {
            SfRecord record = find(id).orElseThrow();
            remove(record, when.truncatedTo(ChronoUnit.SECONDS), null);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Ends seeding: from now on stamps come from the clock. */
    public void seeded() {
        lock.writeLock().lock();
        try {
            lastStamp = orgCreated;
            stamp(clock.instant());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Inserts one record. */
    public SaveOutcome create(WriteRequest request) {
        ObjectDef object = objectOf(request);
        if (request.id() != null && !request.id().isEmpty()) {
            return SaveOutcome.failed(null, SaveError.of("INVALID_FIELD_FOR_INSERT_UPDATE",
                    "cannot specify Id in an insert call", "Id"));
        }
        lock.writeLock().lock();
        try {
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
            Optional<SaveError> invalid = checkRecord(object, values, values.keySet(), null);
            if (invalid.isPresent()) {
                return SaveOutcome.failed(null, invalid.get());
            }
            long n = counters.merge(object.keyPrefix(), 1L, Long::sum);
            String id = SalesforceIds.build(object.keyPrefix(), "5g", n);
            SfRecord record = new SfRecord(object, id);
            Instant now = stamp(clock.instant());
            record.put("CreatedDate", now);
            record.put("CreatedById", userId);
            apply(record, values, now);
            records.computeIfAbsent(object.name(), k -> new LinkedHashMap<>()).put(id, record);
            return SaveOutcome.ok(id, true);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Changes one record identified by {@code request.id()}. */
    public SaveOutcome update(WriteRequest request) {
        ObjectDef object = objectOf(request);
        if (request.id() == null || request.id().isEmpty()) {
            return SaveOutcome.failed(null, SaveError.of("MISSING_ARGUMENT", "Id not specified in an update call"));
        }
        lock.writeLock().lock();
        try {
            return updateLocked(object, request.id(), request.values());
        } finally {
            lock.writeLock().unlock();
        }
    }

    private SaveOutcome updateLocked(ObjectDef object, String rawId, Map<String, @Nullable String> text) {
        Optional<String> id = SalesforceIds.parse(rawId);
        if (id.isEmpty() || !id.get().startsWith(object.keyPrefix())) {
            return SaveOutcome.failed(null, SaveError.of("MALFORMED_ID", object.name() + " ID: id value of incorrect"
                    + " type: " + rawId, "Id"));
        }
        SfRecord record = records.getOrDefault(object.name(), Map.of()).get(id.get());
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
        Optional<SaveError> invalid = checkRecord(object, merged, parsed.values().keySet(), record.id());
        if (invalid.isPresent()) {
            return SaveOutcome.failed(record.id(), invalid.get());
        }
        apply(record, parsed.values(), stamp(clock.instant()));
        return SaveOutcome.ok(record.id(), false);
    }

    /**
     * Upserts records of {@code objectName} matched on {@code externalIdField} (an external id field, or Id).
     */
    public List<SaveOutcome> upsert(String objectName, String externalIdField, List<WriteRequest> requests) {
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
        lock.writeLock().lock();
        try {
            for (WriteRequest request : requests) {
                outcomes.add(upsertOne(object, keyField, request, seen));
            }
        } finally {
            lock.writeLock().unlock();
        }
        return outcomes;
    }

    private SaveOutcome upsertOne(ObjectDef object, FieldDef keyField, WriteRequest request,
                                  Map<String, Integer> seen) {
        String value = keyValue(keyField, request);
        if (keyField.type() == FieldType.ID) {
            if (value == null) {
                return createUnlocked(request);
            }
            return updateLocked(object, value, request.values());
        }
        if (value == null) {
            return SaveOutcome.failed(null, SaveError.of("MISSING_ARGUMENT", keyField.name() + " not specified"));
        }
        if (seen.getOrDefault(value.toLowerCase(Locale.ROOT), 0) > 1) {
            return SaveOutcome.failed(null, SaveError.of("DUPLICATE_EXTERNAL_ID",
                    "Duplicate external id specified: " + value, keyField.name()));
        }
        String existing = externalIds.getOrDefault(object.name() + "." + keyField.name(), Map.of())
                .get(value.toLowerCase(Locale.ROOT));
        if (existing == null) {
            return createUnlocked(request);
        }
        return updateLocked(object, existing, request.values());
    }

    private SaveOutcome createUnlocked(WriteRequest request) {
        return create(new WriteRequest(request.object(), null, request.values()));
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

    /** Moves a record (and what Salesforce deletes with it) to the recycle bin. */
    public SaveOutcome delete(String rawId) {
        Optional<String> id = SalesforceIds.parse(rawId);
        if (id.isEmpty()) {
            return SaveOutcome.failed(null, SaveError.of("MALFORMED_ID", "malformed id " + rawId));
        }
        lock.writeLock().lock();
        try {
            Optional<SfRecord> found = find(id.get());
            if (found.isEmpty()) {
                return SaveOutcome.failed(null, SaveError.of("INVALID_CROSS_REFERENCE_KEY",
                        "invalid cross reference id"));
            }
            if (found.get().deleted()) {
                return SaveOutcome.failed(id.get(), SaveError.of("ENTITY_IS_DELETED", "entity is deleted"));
            }
            remove(found.get(), stamp(clock.instant()), null);
            return SaveOutcome.ok(id.get(), false);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Merges {@code loserIds} into {@code masterId}: children are re-parented to the master, the losers go to the
     * recycle bin with {@code MasterRecordId} set, and {@code masterChanges} are applied to the master.
     *
     * @return the outcome and the ids of re-parented related records
     */
    public MergeOutcome merge(WriteRequest masterChanges, List<String> loserIds) {
        ObjectDef object = objectOf(masterChanges);
        if (!object.mergeable()) {
            return MergeOutcome.failed(SaveError.of("INVALID_TYPE", "Cannot merge records of type " + object.name()));
        }
        if (loserIds.isEmpty() || loserIds.size() > 2) {
            return MergeOutcome.failed(SaveError.of("INVALID_ID_FIELD",
                    "Merge requires 1 or 2 records to merge into the master record"));
        }
        lock.writeLock().lock();
        try {
            SaveOutcome master = updateLocked(object, String.valueOf(masterChanges.id()), masterChanges.values());
            if (!master.success()) {
                return MergeOutcome.failed(master.errors().get(0));
            }
            List<SfRecord> losers = new ArrayList<>();
            for (String raw : loserIds) {
                Optional<SfRecord> loser = SalesforceIds.parse(raw).flatMap(this::find)
                        .filter(r -> r.object() == object && !r.deleted() && !r.id().equals(master.id()));
                if (loser.isEmpty()) {
                    return MergeOutcome.failed(SaveError.of("INVALID_ID_FIELD", "invalid record id " + raw));
                }
                losers.add(loser.get());
            }
            Instant now = stamp(clock.instant());
            List<String> related = new ArrayList<>();
            for (SfRecord loser : losers) {
                for (SfRecord child : children(loser.id())) {
                    for (FieldDef field : child.object().fields()) {
                        if (isParentLink(field) && loser.id().equals(child.raw(field.name()))) {
                            setValue(child, field, master.id());
                        }
                    }
                    child.put("SystemModstamp", now);
                    child.put("LastModifiedDate", now);
                    related.add(child.id());
                }
                loser.delete(now, master.id());
                unindex(loser);
                noteDeletion(now);
            }
            return new MergeOutcome(master.id(), true, losers.stream().map(SfRecord::id).toList(), related,
                    List.of());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The result of a merge. */
    public record MergeOutcome(@Nullable String id, boolean success, List<String> mergedRecordIds,
                               List<String> updatedRelatedIds, List<SaveError> errors) {
        static MergeOutcome failed(SaveError error) {
            return new MergeOutcome(null, false, List.of(), List.of(), List.of(error));
        }
    }

    /** The record with this 18-character id, deleted or not. */
    public Optional<SfRecord> find(String id) {
        if (id.length() < 3) {
            return Optional.empty();
        }
        lock.readLock().lock();
        try {
            return schema.byKeyPrefix(id.substring(0, 3))
                    .map(o -> records.getOrDefault(o.name(), Map.of()).get(id));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Snapshots of every record of {@code object} (recycle bin included when {@code includeDeleted}). */
    public List<Map<String, @Nullable Object>> rows(ObjectDef object, boolean includeDeleted) {
        purgeRecycleBin();
        lock.readLock().lock();
        try {
            List<Map<String, @Nullable Object>> rows = new ArrayList<>();
            for (SfRecord record : records.getOrDefault(object.name(), Map.of()).values()) {
                if (includeDeleted || !record.deleted()) {
                    rows.add(record.snapshot());
                }
            }
            return rows;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Ids of live records whose SystemModstamp is in [{@code from}, {@code to}). */
    public List<String> updatedIds(ObjectDef object, Instant from, Instant to) {
        lock.readLock().lock();
        try {
            return records.getOrDefault(object.name(), Map.of()).values().stream()
                    .filter(r -> !r.deleted() && !r.modstamp().isBefore(from) && r.modstamp().isBefore(to))
                    .map(SfRecord::id).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Recycle-bin entries of {@code object} deleted in [{@code from}, {@code to}). */
    public List<DeletedEntry> deleted(ObjectDef object, Instant from, Instant to) {
        purgeRecycleBin();
        lock.readLock().lock();
        try {
            return records.getOrDefault(object.name(), Map.of()).values().stream()
                    .filter(r -> r.deleted() && !r.deletedDate().isBefore(from) && r.deletedDate().isBefore(to))
                    .map(r -> new DeletedEntry(r.id(), r.deletedDate())).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The time before which deleted records of {@code object} may have been purged from the recycle bin. */
    public Instant earliestDateAvailable(ObjectDef object) {
        purgeRecycleBin();
        lock.readLock().lock();
        try {
            return earliestDeletedAvailable.getOrDefault(object.name(), orgCreated);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Live records per object, for the stats endpoint. */
    public Map<String, Long> counts() {
        lock.readLock().lock();
        try {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (ObjectDef object : schema.objects()) {
                counts.put(object.name(), records.getOrDefault(object.name(), Map.of()).values().stream()
                        .filter(r -> !r.deleted()).count());
            }
            return counts;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Drops recycle-bin entries older than the retention; callers must not hold the read lock. */
    private void purgeRecycleBin() {
        Instant cutoff = clock.instant().minus(RECYCLE_BIN_RETENTION);
        lock.writeLock().lock();
        try {
            if (oldestDeletion == null || !oldestDeletion.isBefore(cutoff)) {
                return;
            }
            oldestDeletion = null;
            for (Map.Entry<String, Map<String, SfRecord>> entry : records.entrySet()) {
                entry.getValue().values().removeIf(r -> {
                    if (!r.deleted()) {
                        return false;
                    }
                    if (r.deletedDate().isBefore(cutoff)) {
                        earliestDeletedAvailable.merge(entry.getKey(), r.deletedDate().plusSeconds(1),
                                (a, b) -> a.isAfter(b) ? a : b);
                        return true;
                    }
                    noteDeletion(r.deletedDate());
                    return false;
                });
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private ObjectDef objectOf(WriteRequest request) {
        return schema.object(request.object()).orElseThrow(() -> new IllegalArgumentException(
                "sObject type '" + request.object() + "' is not supported."));
    }

    private Optional<SaveError> checkRecord(ObjectDef object, Map<FieldDef, @Nullable Object> values,
                                            Set<FieldDef> changed, @Nullable String selfId) {
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
                String owner = externalIds.getOrDefault(object.name() + "." + field.name(), Map.of())
                        .get(text.toLowerCase(Locale.ROOT));
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
            return id.equals(userId) ? Optional.empty() : Optional.of(SaveError.of("INVALID_CROSS_REFERENCE_KEY",
                    field.label() + ": id value of incorrect type: " + raw, field.name()));
        }
        Optional<ObjectDef> target = schema.byKeyPrefix(prefix).filter(o -> field.referenceTo().contains(o.name()));
        if (target.isEmpty()) {
            return Optional.of(SaveError.of("FIELD_INTEGRITY_EXCEPTION", field.label()
                    + ": id value of incorrect type: " + raw, field.name()));
        }
        SfRecord referenced = records.getOrDefault(target.get().name(), Map.of()).get(id);
        if (referenced == null) {
            return Optional.of(SaveError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id",
                    field.name()));
        }
        if (referenced.deleted()) {
            return Optional.of(SaveError.of("ENTITY_IS_DELETED", "entity is deleted", field.name()));
        }
        return Optional.empty();
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
            setValue(record, field, value);
        }
        record.put("LastModifiedDate", now);
        record.put("LastModifiedById", userId);
        record.put("SystemModstamp", now);
    }

    private void setValue(SfRecord record, FieldDef field, @Nullable Object value) {
        Object old = record.raw(field.name());
        if (field.unique()) {
            Map<String, String> index = externalIds.computeIfAbsent(record.object().name() + "." + field.name(),
                    k -> new HashMap<>());
            if (old instanceof String oldText) {
                index.remove(oldText.toLowerCase(Locale.ROOT));
            }
            if (value instanceof String newText) {
                index.put(newText.toLowerCase(Locale.ROOT), record.id());
            }
        }
        if (isParentLink(field)) {
            if (old instanceof String oldParent) {
                childIndex.getOrDefault(oldParent, new LinkedHashSet<>()).remove(record.id());
            }
            if (value instanceof String newParent) {
                childIndex.computeIfAbsent(newParent, k -> new LinkedHashSet<>()).add(record.id());
            }
        }
        record.put(field.name(), value);
    }

    private static boolean isParentLink(FieldDef field) {
        return field.type() == FieldType.REFERENCE && field.createable() && !field.referenceTo().contains("User");
    }

    private void remove(SfRecord record, Instant now, @Nullable String masterId) {
        for (SfRecord child : children(record.id())) {
            if (!child.deleted() && cascades(record.object(), child.object())) {
                remove(child, now, null);
            }
        }
        record.delete(now, masterId);
        unindex(record);
        noteDeletion(now);
    }

    private void noteDeletion(Instant when) {
        if (oldestDeletion == null || when.isBefore(oldestDeletion)) {
            oldestDeletion = when;
        }
    }

    private static boolean cascades(ObjectDef parent, ObjectDef child) {
        return (parent.name().equals("Account") && child.name().equals("Contact"))
                || child.name().equals("Task");
    }

    private void unindex(SfRecord record) {
        for (FieldDef field : record.object().fields()) {
            if (field.unique() && record.raw(field.name()) instanceof String value) {
                externalIds.getOrDefault(record.object().name() + "." + field.name(), new HashMap<>())
                        .remove(value.toLowerCase(Locale.ROOT));
            }
        }
    }

    private List<SfRecord> children(String parentId) {
        List<SfRecord> children = new ArrayList<>();
        for (String childId : List.copyOf(childIndex.getOrDefault(parentId, Set.of()))) {
            SfRecord child = records.getOrDefault(schema.byKeyPrefix(childId.substring(0, 3)).orElseThrow().name(),
                    Map.of()).get(childId);
            if (child != null && !child.deleted()) {
                children.add(child);
            }
        }
        return children;
    }

    private Instant stamp(Instant now) {
        Instant candidate = now.truncatedTo(ChronoUnit.SECONDS);
        if (candidate.isBefore(lastStamp)) {
            candidate = lastStamp;
        }
        lastStamp = candidate;
        return candidate;
    }
}
