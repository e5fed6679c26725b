package com.penguinmails.crmsync.serve;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The changes one direction of the benchmark is waiting to see arrive, per CRM: each expected with the value that
 * proves its arrival and the moment it was made (the CRM's answer to an edit, the commit of an event), resolved when
 * a poll sees the value, with the latency kept for percentiles. What is still pending when the benchmark stops
 * waiting is lost.
 */
final class ArrivalLedger {

    /** One change on its way: the CRM it concerns, what proves it arrived, when it was made. */
    record Pending(String crm, String proof, long madeNanos) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> latenciesMs = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> expected = new ConcurrentHashMap<>();
    private final AtomicLong superseded = new AtomicLong();

    /** Expects {@code key} (a record, an activity) to show {@code proof}, from {@code madeNanos} on. */
    void expect(String crm, String key, String proof, long madeNanos) {
        expected.computeIfAbsent(crm, c -> new AtomicLong()).incrementAndGet();
        if (pending.put(key, new Pending(crm, proof, madeNanos)) != null) {
            superseded.incrementAndGet(); // a newer change of the same record: the older one cannot be seen apart
        }
    }

    /** The keys still pending, with what they wait for. */
    Map<String, Pending> pending() {
        return Map.copyOf(pending);
    }

    /** A poll at {@code seenNanos} saw {@code key} showing its proof. */
    void arrived(String key, long seenNanos) {
        Pending arrived = pending.remove(key);
        if (arrived != null) {
            latenciesMs.computeIfAbsent(arrived.crm(), c -> Collections.synchronizedList(new ArrayList<>()))
                    .add((seenNanos - arrived.madeNanos()) / 1_000_000);
        }
    }

    boolean settled() {
        return pending.isEmpty();
    }

    long expected(String crm) {
        AtomicLong n = expected.get(crm);
        return n == null ? 0 : n.get();
    }

    long lost(String crm) {
        return pending.values().stream().filter(p -> p.crm().equals(crm)).count();
    }

    long superseded() {
        return superseded.get();
    }

    /** The latencies seen for {@code crm}, sorted, in milliseconds. */
    List<Long> latencies(String crm) {
        List<Long> sorted = new ArrayList<>(latenciesMs.getOrDefault(crm, List.of()));
        Collections.sort(sorted);
        return sorted;
    }

    /** The {@code p}-th percentile (nearest rank) of sorted latencies, or -1 when there are none. */
    static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
