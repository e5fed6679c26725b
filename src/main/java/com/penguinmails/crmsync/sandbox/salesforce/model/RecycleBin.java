package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Deletes into the recycle bin with Salesforce's cascades (an Account takes its Contacts, any record its Tasks), and
 * purges entries older than {@link #RETENTION}, telling the {@link ReplicationLedger} how far back getDeleted still
 * reaches. Callers hold the record store's write lock.
 */
final class RecycleBin {

    /** How long deleted records stay in the recycle bin (and so visible to getDeleted). */
    static final Duration RETENTION = Duration.ofDays(15);

    private final RecordTable table;
    private final ReplicationLedger ledger;
    private final ModStamps stamps;
    private final ChangeCapture capture;
    private @Nullable Instant oldestDeletion;

    RecycleBin(RecordTable table, ReplicationLedger ledger, ModStamps stamps, ChangeCapture capture) {
        this.capture = capture;
        this.table = table;
        this.ledger = ledger;
        this.stamps = stamps;
    }

    void clear() {
        oldestDeletion = null;
    }

    /** Deletes the record with id {@code rawId} (15 or 18 characters), now. */
    SaveOutcome delete(String rawId) {
        Optional<String> id = SalesforceIds.parse(rawId);
        if (id.isEmpty()) {
            return SaveOutcome.failed(null, SaveError.of("MALFORMED_ID", "malformed id " + rawId));
        }
        Optional<SfRecord> found = table.find(id.get());
        if (found.isEmpty()) {
            return SaveOutcome.failed(null, SaveError.of("INVALID_CROSS_REFERENCE_KEY",
                    "invalid cross reference id"));
        }
        if (found.get().deleted()) {
            return SaveOutcome.failed(id.get(), SaveError.of("ENTITY_IS_DELETED", "entity is deleted"));
        }
        remove(found.get(), stamps.next());
        return SaveOutcome.ok(id.get(), false);
    }

    /** Moves {@code record} and what cascades from it to the bin as deleted at {@code when}. */
    void remove(SfRecord record, Instant when) {
        for (SfRecord child : table.liveChildren(record.id())) {
            if (!child.deleted() && cascades(record.object(), child.object())) {
                remove(child, when);
            }
        }
        binned(record, when, null);
    }

    /** Moves a merge's losing record to the bin, without cascades: its children were re-parented. */
    void mergedAway(SfRecord loser, Instant when, String masterId) {
        binned(loser, when, masterId);
    }

    /** Drops entries deleted before {@code cutoff} when there are any. */
    void purgeBefore(Instant cutoff) {
        if (oldestDeletion == null || !oldestDeletion.isBefore(cutoff)) {
            return;
        }
        oldestDeletion = null;
        table.removeIf(r -> {
            if (!r.deleted()) {
                return false;
            }
            if (r.deletedDate().isBefore(cutoff)) {
                ledger.purged(r.object().name(), r.deletedDate());
                return true;
            }
            noteDeletion(r.deletedDate());
            return false;
        });
    }

    private void binned(SfRecord record, Instant when, @Nullable String masterId) {
        record.delete(when, masterId);
        table.indexes().unindexUnique(record);
        noteDeletion(when);
        capture.deleted(record);
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
}
