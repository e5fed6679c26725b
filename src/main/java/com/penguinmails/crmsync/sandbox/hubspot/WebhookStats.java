package com.penguinmails.crmsync.sandbox.hubspot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhook delivery counts for {@code GET /_sandbox/stats} ({@code "webhooks"}): events announced, delivery attempts
 * by outcome (the receiver's status, {@code connection}, {@code timeout}, or {@code fault} when a fault of the
 * sandbox's plan struck), batches and events delivered, retries, batches sent twice on purpose and batches given up
 * after the last attempt.
 */
final class WebhookStats {

    private final AtomicLong events = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong eventsDelivered = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private final ConcurrentMap<String, AtomicLong> attempts = new ConcurrentHashMap<>();

    void announced() {
        events.incrementAndGet();
    }

    void attempted(String outcome) {
        attempts.computeIfAbsent(outcome, o -> new AtomicLong()).incrementAndGet();
    }

    void delivered(int eventCount) {
        delivered.incrementAndGet();
        eventsDelivered.addAndGet(eventCount);
    }

    void retried() {
        retries.incrementAndGet();
    }

    void duplicated() {
        duplicates.incrementAndGet();
    }

    void gaveUp() {
        givenUp.incrementAndGet();
    }

    Map<String, Object> snapshot(int pending) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("events", events.get());
        snapshot.put("pendingEvents", pending);
        Map<String, Long> byOutcome = new TreeMap<>();
        attempts.forEach((outcome, n) -> byOutcome.put(outcome, n.get()));
        snapshot.put("attempts", byOutcome);
        snapshot.put("deliveredBatches", delivered.get());
        snapshot.put("deliveredEvents", eventsDelivered.get());
        snapshot.put("retries", retries.get());
        snapshot.put("duplicatedBatches", duplicates.get());
        snapshot.put("givenUpBatches", givenUp.get());
        return snapshot;
    }
}
