package com.penguinmails.crmsync.sandbox.salesforce.pubsub;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The org's change event bus: events in publish order, each with a replay id (eight opaque bytes), kept for
 * {@link #RETENTION} on the sandbox clock. Subscribers are told when events arrive. Thread-safe.
 */
final class ChangeEventLog {

    /** How long events stay replayable, as on Salesforce. */
    static final Duration RETENTION = Duration.ofHours(72);

    /** One published event. */
    record StoredEvent(long sequence, String entity, String schemaId, String eventId, byte[] payload,
                       Instant publishedAt) {

        byte[] replayId() {
            return replayId(sequence);
        }

        static byte[] replayId(long sequence) {
            return ByteBuffer.allocate(Long.BYTES).putLong(sequence).array();
        }
    }

    /** Where a stored replay id points. */
    enum Check { VALID, UNKNOWN, EXPIRED }

    private final Clock clock;
    private final List<StoredEvent> events = new ArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** Sequences start far from zero so that replay ids look like Salesforce's: opaque, never small. */
    private long lastSequence = 0x2F_0000_0000L;
    /** The sequence before the oldest event still replayable. */
    private long horizon = lastSequence;

    ChangeEventLog(Clock clock) {
        this.clock = clock;
    }

    void onAppend(Runnable listener) {
        listeners.add(listener);
    }

    StoredEvent append(String entity, String schemaId, String eventId, byte[] payload) {
        StoredEvent event;
        synchronized (this) {
            purge();
            event = new StoredEvent(++lastSequence, entity, schemaId, eventId, payload, clock.instant());
            events.add(event);
        }
        listeners.forEach(Runnable::run);
        return event;
    }

    /** Up to {@code max} events of {@code entities} after {@code sequence}, oldest first. */
    synchronized List<StoredEvent> after(long sequence, Set<String> entities, int max) {
        purge();
        List<StoredEvent> found = new ArrayList<>();
        for (StoredEvent event : events) {
            if (found.size() >= max) {
                break;
            }
            if (event.sequence() > sequence && entities.contains(event.entity())) {
                found.add(event);
            }
        }
        return found;
    }

    /** The sequence of the newest event (LATEST starts after it). */
    synchronized long tip() {
        return lastSequence;
    }

    /** The sequence before the oldest retained event (EARLIEST starts after it). */
    synchronized long earliest() {
        purge();
        return horizon;
    }

    /** The sequence a replay id names, if it is one of this bus's. */
    static Optional<Long> sequenceOf(byte[] replayId) {
        return replayId.length == Long.BYTES ? Optional.of(ByteBuffer.wrap(replayId).getLong()) : Optional.empty();
    }

    /** Whether a subscription may resume after {@code replayId}: only while its event is retained. */
    synchronized Check check(byte[] replayId) {
        purge();
        Optional<Long> sequence = sequenceOf(replayId);
        if (sequence.isEmpty() || sequence.get() > lastSequence) {
            return Check.UNKNOWN;
        }
        return sequence.get() <= horizon ? Check.EXPIRED : Check.VALID;
    }

    /** Drops every event (the org was reset): replay ids given out before no longer resume. */
    synchronized void clear() {
        events.clear();
        horizon = lastSequence;
    }

    private void purge() {
        Instant cutoff = clock.instant().minus(RETENTION);
        while (!events.isEmpty() && events.get(0).publishedAt().isBefore(cutoff)) {
            horizon = events.remove(0).sequence();
        }
    }
}
