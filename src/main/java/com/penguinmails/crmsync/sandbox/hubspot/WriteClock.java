package com.penguinmails.crmsync.sandbox.hubspot;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Hands out modification times from the sandbox clock at millisecond precision, strictly increasing: two writes
 * never share a timestamp and a later write never looks older, so a delta reader keyed on
 * {@code lastmodifieddate} never misses or reorders a change.
 */
final class WriteClock {

    private final Clock clock;
    private Instant last = Instant.EPOCH;

    WriteClock(Clock clock) {
        this.clock = clock;
    }

    synchronized Instant next() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        last = now.isAfter(last) ? now : last.plusMillis(1);
        return last;
    }

    /** The sandbox clock's current time, without reserving it for a write. */
    Instant now() {
        return clock.instant();
    }
}
