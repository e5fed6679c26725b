package com.penguinmails.crmsync.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change a CRM announced on its own (a webhook event, a change data capture event) about one record of one
 * connection. A notice says only which record changed and how; what the record holds now is read from the CRM by id
 * when the notice is applied, so notices may come twice, late or out of order and still converge.
 *
 * @param eventId         the CRM's id of the event (deduplicates deliveries; unique per connection), plus a suffix
 *                        when one CRM event names several records
 * @param type            the kind of record
 * @param change          what happened to it
 * @param recordId        the CRM id of the record; null only for {@link Change#RESYNC} of a whole object
 * @param mergedRecordIds for {@link Change#MERGED}: the records merged into {@code recordId} (now gone)
 * @param occurredAt      when the CRM says the change happened
 */
public record CrmChangeNotice(String eventId, ObjectType type, Change change, @Nullable String recordId,
                              List<String> mergedRecordIds, Instant occurredAt) {

    /** What a CRM announced. */
    public enum Change {
        /** Created, changed or restored: read it by id and apply what it holds. */
        UPSERTED,
        /** Deleted (or merged away, when the CRM does not say into what). */
        DELETED,
        /** {@code mergedRecordIds} were merged into {@code recordId}. */
        MERGED,
        /** The CRM lost track of the changes (Salesforce GAP_OVERFLOW): read the object's changes again. */
        RESYNC
    }

    public CrmChangeNotice {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(occurredAt, "occurredAt");
        mergedRecordIds = List.copyOf(mergedRecordIds);
        if (recordId == null && change != Change.RESYNC) {
            throw new IllegalArgumentException("a " + change + " notice names its record (event " + eventId + ")");
        }
    }

    public static CrmChangeNotice upserted(String eventId, ObjectType type, String recordId, Instant occurredAt) {
        return new CrmChangeNotice(eventId, type, Change.UPSERTED, recordId, List.of(), occurredAt);
    }

    public static CrmChangeNotice deleted(String eventId, ObjectType type, String recordId, Instant occurredAt) {
        return new CrmChangeNotice(eventId, type, Change.DELETED, recordId, List.of(), occurredAt);
    }

    public static CrmChangeNotice merged(String eventId, ObjectType type, String survivorId, List<String> mergedIds,
                                         Instant occurredAt) {
        return new CrmChangeNotice(eventId, type, Change.MERGED, survivorId, mergedIds, occurredAt);
    }

    public static CrmChangeNotice resync(String eventId, ObjectType type, Instant occurredAt) {
        return new CrmChangeNotice(eventId, type, Change.RESYNC, null, List.of(), occurredAt);
    }
}
