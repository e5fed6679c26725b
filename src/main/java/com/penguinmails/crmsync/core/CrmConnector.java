package com.penguinmails.crmsync.core;

import java.util.Collection;
import java.util.List;

/**
 * The port every CRM is reached through (one implementation per CRM, in {@code connector}). Vendor types never cross
 * it. Calls are made for one connection (tenant x CRM) and honour its rate limits and daily quota.
 */
public interface CrmConnector {

    /**
     * Records of {@code type} created, changed, deleted or merged after {@code since}, oldest first, one page at a time.
     * Deletions and merges come as {@link CrmRecord#deletion} (unless {@link #feedOmitsDeletions()}). {@code since}
     * is {@link Cursor#START}, {@link Cursor#since(java.time.Instant)} or a cursor a page of this connector returned.
     */
    Page<CrmRecord> changes(ObjectType type, Cursor since, int pageSize);

    /**
     * Creates or updates the records (by CRM id, else by external id), choosing the CRM's batch or bulk API by size.
     * Returns one result per record, in input order; per-record refusals are results, not exceptions.
     */
    List<WriteResult> upsert(ObjectType type, List<CrmRecord> records);

    /** Logs activities on the CRM timeline, idempotently by {@link Activity#key()}; one result per activity. */
    List<WriteResult> logActivities(List<Activity> activities);

    /** The object's fields as the CRM describes them. */
    ObjectDescription describe(ObjectType type);

    /** The connection's API budget as last reported by the CRM. */
    ApiBudget budget();

    /**
     * Whether {@link #changes} leaves deletions out (Pipedrive's lists hide deleted records), so a sync must find them
     * by asking {@link #deletions} about the ids it knows.
     */
    default boolean feedOmitsDeletions() {
        return false;
    }

    /**
     * Which of {@code knownIds} the CRM has deleted or merged away, as {@link CrmRecord#deletion}s (a deletion whose
     * time the CRM no longer knows has no {@code modifiedAt}). Empty where {@link #changes} reports deletions itself.
     */
    default List<CrmRecord> deletions(ObjectType type, Collection<String> knownIds) {
        return List.of();
    }

    /**
     * The records with these CRM ids as the CRM holds them now, in one batch call per page of ids where the CRM has
     * one (real-time sync reads what a change notice names). An id the CRM no longer has (deleted, merged away) is
     * absent from the answer, not an error; or, where the CRM can tell what it was merged into, a
     * {@link CrmRecord#deletion} naming that record (with no time when the CRM does not say).
     */
    default List<CrmRecord> read(ObjectType type, Collection<String> ids) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot read records by id yet");
    }
}
