package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Merge: up to two losing records fold into a master of the same mergeable object. The master takes the requested
 * changes, the losers' children are re-parented to it, and the losers go to the recycle bin with
 * {@code MasterRecordId} set. Callers hold the record store's write lock.
 */
final class Merger {

    private final RecordTable table;
    private final RecordWriter writer;
    private final RecycleBin bin;
    private final ModStamps stamps;

    private final ChangeCapture capture;

    Merger(RecordTable table, RecordWriter writer, RecycleBin bin, ModStamps stamps, ChangeCapture capture) {
        this.capture = capture;
        this.table = table;
        this.writer = writer;
        this.bin = bin;
        this.stamps = stamps;
    }

    MergeOutcome merge(WriteRequest masterChanges, List<String> loserIds) {
        ObjectDef object = writer.objectOf(masterChanges);
        if (!object.mergeable()) {
            return MergeOutcome.failed(SaveError.of("INVALID_TYPE", "Cannot merge records of type " + object.name()));
        }
        if (loserIds.isEmpty() || loserIds.size() > 2) {
            return MergeOutcome.failed(SaveError.of("INVALID_ID_FIELD",
                    "Merge requires 1 or 2 records to merge into the master record"));
        }
        SaveOutcome master = writer.update(object, String.valueOf(masterChanges.id()), masterChanges.values());
        if (!master.success() || master.id() == null) {
            return MergeOutcome.failed(master.errors().get(0));
        }
        String masterId = master.id();
        List<SfRecord> losers = new ArrayList<>();
        for (String raw : loserIds) {
            Optional<SfRecord> loser = SalesforceIds.parse(raw).flatMap(table::find)
                    .filter(r -> r.object() == object && !r.deleted() && !r.id().equals(masterId));
            if (loser.isEmpty()) {
                return MergeOutcome.failed(SaveError.of("INVALID_ID_FIELD", "invalid record id " + raw));
            }
            losers.add(loser.get());
        }
        Instant now = stamps.next();
        List<String> related = new ArrayList<>();
        for (SfRecord loser : losers) {
            related.addAll(reparentChildren(loser, masterId, now));
            bin.mergedAway(loser, now, masterId);
        }
        return new MergeOutcome(masterId, true, losers.stream().map(SfRecord::id).toList(), related, List.of());
    }

    /** Points the live children of {@code loser} at {@code masterId}; returns their ids. */
    private List<String> reparentChildren(SfRecord loser, String masterId, Instant now) {
        List<String> moved = new ArrayList<>();
        for (SfRecord child : table.liveChildren(loser.id())) {
            java.util.Map<String, @org.jspecify.annotations.Nullable Object> before = new java.util.LinkedHashMap<>();
            for (FieldDef field : child.object().fields()) {
                if (RecordIndexes.isParentLink(field) && loser.id().equals(child.raw(field.name()))) {
                    before.put(field.name(), child.raw(field.name()));
                    table.indexes().set(child, field, masterId);
                }
            }
            child.put("SystemModstamp", now);
            child.put("LastModifiedDate", now);
            capture.updated(child, before);
            moved.add(child.id());
        }
        return moved;
    }
}
