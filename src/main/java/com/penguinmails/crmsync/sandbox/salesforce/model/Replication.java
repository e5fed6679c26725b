package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * getUpdated / getDeleted over a date window, with Salesforce's rules: seconds are ignored, the window ends no later
 * than now, starts no earlier than 30 days ago and must not be empty, at most 600,000 ids, and getDeleted fails when
 * the recycle bin was purged after the window's end. {@code latestDateCovered} is the next window's start.
 */
public final class Replication {

    public static final int MAX_IDS = 600_000;
    public static final Duration MAX_AGE = Duration.ofDays(30);
    private static final String INVALID_DATE = "INVALID_REPLICATION_DATE";

    private final RecordStore store;
    private final Clock clock;

    public Replication(RecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Ids of records changed in the window. */
    public record Updated(List<String> ids, Instant latestDateCovered) {
    }

    /** Records deleted in the window. */
    public record Deleted(List<DeletedEntry> records, Instant earliestDateAvailable, Instant latestDateCovered) {
    }

    public Updated updated(ObjectDef object, Instant start, Instant end) {
        Instant[] window = window(start, end);
        List<String> ids = store.updatedIds(object, window[0], window[1]);
        if (ids.size() > MAX_IDS) {
            throw new ReplicationException("EXCEEDED_ID_LIMIT", "record limit reached. cannot return more than "
                    + MAX_IDS + " ids; use a smaller date range");
        }
        return new Updated(ids, window[1]);
    }

    public Deleted deleted(ObjectDef object, Instant start, Instant end) {
        Instant[] window = window(start, end);
        Instant earliest = store.earliestDateAvailable(object).truncatedTo(ChronoUnit.MINUTES);
        if (earliest.isAfter(window[1])) {
            throw new ReplicationException(INVALID_DATE, "earliestDateAvailable " + earliest
                    + " is after endDate; the recycle bin no longer covers this window, resynchronize");
        }
        List<DeletedEntry> deleted = store.deleted(object, window[0], window[1]);
        if (deleted.size() > MAX_IDS) {
            throw new ReplicationException("EXCEEDED_ID_LIMIT", "record limit reached. cannot return more than "
                    + MAX_IDS + " ids; use a smaller date range");
        }
        return new Deleted(deleted, earliest, window[1]);
    }

    private Instant[] window(Instant start, Instant end) {
        Instant now = clock.instant();
        Instant from = start.truncatedTo(ChronoUnit.MINUTES);
        Instant to = end.truncatedTo(ChronoUnit.MINUTES);
        Instant latest = now.truncatedTo(ChronoUnit.MINUTES);
        if (to.isAfter(latest)) {
            to = latest;
        }
        if (from.isBefore(now.minus(MAX_AGE).truncatedTo(ChronoUnit.MINUTES))) {
            throw new ReplicationException(INVALID_DATE, "startDate cannot be more than 30 days ago");
        }
        if (!from.isBefore(to)) {
            throw new ReplicationException(INVALID_DATE, "startDate must chronologically precede endDate");
        }
        return new Instant[] {from, to};
    }
}
