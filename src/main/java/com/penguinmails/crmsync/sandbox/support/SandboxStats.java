package com.penguinmails.crmsync.sandbox.support;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests served per route ({@code "POST /crm/v3/objects/{objectType}/batch/upsert"}) and status, injected faults
 * (and which requests were applied but never answered in time) and rate-limit rejections: what {@code GET /_sandbox/stats} reports, and what benchmarks count API calls with.
 */
public final class SandboxStats {

    private final ConcurrentMap<String, ConcurrentMap<Integer, AtomicLong>> byRoute = new ConcurrentHashMap<>();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong faultsInjected = new AtomicLong();
    private final ConcurrentMap<String, AtomicLong> appliedUnanswered = new ConcurrentHashMap<>();

    void record(String route, int status) {
        byRoute.computeIfAbsent(route, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    /** Counts a request turned away by a rate limit or quota (the sandbox's own limits, not injected faults). */
    public void rateLimited() {
        rateLimited.incrementAndGet();
    }

    void faultInjected() {
        faultsInjected.incrementAndGet();
    }

    /** Counts a request served whose answer was then lost or sent after the client's timeout. */
    void countAppliedUnanswered(String route) {
        appliedUnanswered.computeIfAbsent(route, r -> new AtomicLong()).incrementAndGet();
    }

    /** Requests served on a route whose answer was then lost or late (applied-then-lost, applied-then-late). */
    public long appliedUnanswered(String route) {
        AtomicLong count = appliedUnanswered.get(route);
        return count == null ? 0 : count.get();
    }

    /** Requests answered on a route, whatever their status. */
    public long requests(String route) {
        var statuses = byRoute.get(route);
        return statuses == null ? 0 : statuses.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Every request answered, control endpoints excluded. */
    public long totalRequests() {
        return byRoute.values().stream().flatMap(m -> m.values().stream()).mapToLong(AtomicLong::get).sum();
    }

    public long rateLimitedCount() {
        return rateLimited.get();
    }

    public long faultsInjectedCount() {
        return faultsInjected.get();
    }

    /** route -> status -> count, sorted, for the stats endpoint. */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> snapshot = new TreeMap<>();
        byRoute.forEach((route, statuses) -> {
            Map<String, Long> counts = new TreeMap<>();
            statuses.forEach((status, n) -> counts.put(Integer.toString(status), n.get()));
            snapshot.put(route, counts);
        });
        return snapshot;
    }

    void reset() {
        byRoute.clear();
        rateLimited.set(0);
        faultsInjected.set(0);
        appliedUnanswered.clear();
    }
}
