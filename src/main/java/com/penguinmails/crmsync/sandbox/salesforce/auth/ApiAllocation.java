package com.penguinmails.crmsync.sandbox.salesforce.auth;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * The org's daily API request allocation over a rolling 24 hours (counted per minute): each authenticated SOAP or
 * REST call takes one request; when none remain Salesforce answers REQUEST_LIMIT_EXCEEDED.
 */
public final class ApiAllocation {

    private static final long WINDOW_MINUTES = 24 * 60;

    private final long limit;
    private final Clock clock;
    private final TreeMap<Long, Long> perMinute = new TreeMap<>();
    private long used;

    public ApiAllocation(long limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Takes one request; false when the allocation is used up (the request is then not counted). */
    public synchronized boolean tryConsume() {
        expire();
        if (used >= limit) {
            return false;
        }
        perMinute.merge(minute(), 1L, Long::sum);
        used++;
        return true;
    }

    /** Takes {@code requests} from the allocation, as the org's other integrations would. */
    public synchronized void spend(long requests) {
        expire();
        long taken = Math.min(requests, Math.max(0, limit - used));
        perMinute.merge(minute(), taken, Long::sum);
        used += taken;
    }

    /** Requests made in the last 24 hours. */
    public synchronized long used() {
        expire();
        return used;
    }

    public long limit() {
        return limit;
    }

    public synchronized void reset() {
        perMinute.clear();
        used = 0;
    }

    private long minute() {
        return clock.millis() / 60_000;
    }

    private void expire() {
        Map<Long, Long> old = perMinute.headMap(minute() - WINDOW_MINUTES, true);
        old.values().forEach(n -> used -= n);
        old.clear();
    }
}
