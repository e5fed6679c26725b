package com.penguinmails.crmsync.sandbox.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sandbox's time: the real clock plus an offset that {@code POST /_sandbox/clock} moves forward, so tests can
 * expire tokens and move date windows without waiting, or sets ({@code skewSeconds}), so the CRM's clock can run
 * ahead of or behind ours as a real CRM's may: record timestamps and body times (HubSpot's {@code completedAt},
 * Salesforce's server timestamp) follow it.
 */
public final class SandboxClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the sandbox clock is UTC");
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the sandbox clock only moves forward");
        }
        offset.accumulateAndGet(by, Duration::plus);
    }

    /** Sets the clock to run {@code skew} ahead of the real one (behind when negative), whatever it was before. */
    public void skew(Duration skew) {
        offset.set(skew);
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }
}
