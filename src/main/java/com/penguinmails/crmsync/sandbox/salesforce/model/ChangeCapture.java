package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Collects the record changes of one store call (one Salesforce transaction) and hands them, with the call's
 * {@link ChangeOrigin}, to the listener when the call ends: what Change Data Capture publishes. Seeding is muted.
 * Callers hold the record store's write lock.
 */
public final class ChangeCapture {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChangeCapture.class);

    /** What happened to a record. */
    public enum Kind { CREATE, UPDATE, DELETE, UNDELETE }

    /**
     * One record's change: the values of its changed fields (all set fields on CREATE), which fields changed and
     * which were set to null.
     */
    public record RecordChange(ObjectDef object, String recordId, Kind kind, Map<String, @Nullable Object> values,
                               List<String> changedFields, List<String> nulledFields) { }

    /** The changes one call committed. */
    public record Transaction(List<RecordChange> changes, String origin, String userId, Instant committedAt) { }

    private final Clock clock;
    private final String userId;
    private final List<RecordChange> pending = new ArrayList<>();
    private volatile Consumer<Transaction> listener = t -> { };
    private boolean muted;

    ChangeCapture(Clock clock, String userId) {
        this.clock = clock;
        this.userId = userId;
    }

    void listener(Consumer<Transaction> newListener) {
        this.listener = newListener;
    }

    void mute(boolean on) {
        muted = on;
        pending.clear();
    }

    void created(SfRecord record) {
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        record.snapshot().forEach((name, value) -> {
            if (value != null) {
                values.put(name, value);
            }
        });
        add(new RecordChange(record.object(), record.id(), Kind.CREATE, values, List.of(), List.of()));
    }

    /** {@code before}: the values of the fields the update set, before it. */
    void updated(SfRecord record, Map<String, @Nullable Object> before) {
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        List<String> changed = new ArrayList<>();
        List<String> nulled = new ArrayList<>();
        before.forEach((name, old) -> {
            Object now = record.raw(name);
            if (!java.util.Objects.equals(old, now)) {
                values.put(name, now);
                changed.add(name);
                if (now == null) {
                    nulled.add(name);
                }
            }
        });
        values.put("LastModifiedDate", record.raw("LastModifiedDate"));
        changed.add("LastModifiedDate");
        add(new RecordChange(record.object(), record.id(), Kind.UPDATE, values, changed, nulled));
    }

    void deleted(SfRecord record) {
        add(new RecordChange(record.object(), record.id(), Kind.DELETE, Map.of(), List.of(), List.of()));
    }

    private void add(RecordChange change) {
        if (!muted) {
            pending.add(change);
        }
    }

    /** Ends the store call: its changes, if any, go to the listener. */
    void commit() {
        if (pending.isEmpty()) {
            return;
        }
        Transaction transaction = new Transaction(List.copyOf(pending), ChangeOrigin.current(), userId,
                clock.instant());
        pending.clear();
        try {
            listener.accept(transaction);
        } catch (RuntimeException e) {
            // the write happened; failing to publish its change events must not fail it
            log.warn("change events of a transaction of {} changes were not published: {}",
                    transaction.changes().size(), e.toString());
        }
    }
}
