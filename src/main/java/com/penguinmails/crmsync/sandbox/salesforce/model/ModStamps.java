package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Modification stamps: whole seconds from the sandbox clock, never decreasing, and the org's creation time.
 * Callers hold the record store's lock.
 */
final class ModStamps {

    private final Clock clock;
    private Instant last = Instant.EPOCH;
    private Instant orgCreated = Instant.EPOCH;

    ModStamps(Clock clock) {
        this.clock = clock;
    }

    /** A new org created at {@code created}: stamps start there. */
    void reset(Instant created) {
        orgCreated = created.truncatedTo(ChronoUnit.SECONDS);
        last = orgCreated;
    }

    Instant orgCreated() {
        return orgCreated;
    }

    /** Moves the last stamp to {@code when} (seeding writes back-dated records). */
    void startAt(Instant when) {
        last = when.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The stamp for a write happening now: the clock's second, or the last stamp if the clock went back. */
    Instant next() {
        Instant candidate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (candidate.isBefore(last)) {
            candidate = last;
        }
        last = candidate;
        return candidate;
    }
}
