package com.penguinmails.crmsync.sandbox.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} requests per key in any rolling {@code window} (HubSpot's "per 10 seconds", Pipedrive's "per
 * 2 seconds"). {@link #tryAcquire} admits a request or says how long until the oldest one leaves the window.
 */
public final class RollingWindowLimiter {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> requests = new ConcurrentHashMap<>();

    public RollingWindowLimiter(int limit, Duration window, Clock clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Empty when admitted; otherwise the wait before a request would be. */
    public Optional<Duration> tryAcquire(String key) {
        Instant now = clock.instant();
        Deque<Instant> times = requests.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
            }
            times.addLast(now);
            return Optional.empty();
        }
    }

    /** Requests still admitted for {@code key} in the current window. */
    public int remaining(String key) {
        Instant now = clock.instant();
        Deque<Instant> times = requests.getOrDefault(key, new ArrayDeque<>());
        synchronized (times) {
            long inWindow = times.stream().filter(t -> t.isAfter(now.minus(window))).count();
            return (int) Math.max(0, limit - inWindow);
        }
    }

    public int limit() {
        return limit;
    }

    public Duration window() {
        return window;
    }

    public void reset() {
        requests.clear();
    }
}
