package com.penguinmails.crmsync.sandbox.hubspot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What the search endpoints see: every write reaches the index {@code delay} after it happened (HubSpot's indexing
 * lag), so a search right after a write may still return the old values or miss a new record. With no delay the
 * index follows the store at once. Guarded by {@link Portal}'s lock.
 */
final class SearchIndex {

    private record Pending(Instant visibleAt, ObjectType type, long id, @Nullable StoredObject object) {
    }

    private final Duration delay;
    private final Map<ObjectType, NavigableMap<Long, StoredObject>> visible = new EnumMap<>(ObjectType.class);
    private final Deque<Pending> pending = new ArrayDeque<>();

    SearchIndex(Duration delay) {
        this.delay = delay;
        clear();
    }

    /** Records a write: the record's new state, or its removal from search (archived, merged, deleted). */
    synchronized void written(ObjectType type, long id, @Nullable StoredObject liveState, Instant at) {
        StoredObject indexed = liveState == null || liveState.archived() ? null : liveState;
        if (delay.isZero()) {
            apply(type, id, indexed);
        } else {
            pending.addLast(new Pending(at.plus(delay), type, id, indexed));
        }
    }

    /** The records of a type search can see at {@code now}, in id order. */
    private Collection<StoredObject> view(ObjectType type, Instant now) {
        while (!pending.isEmpty() && !pending.peekFirst().visibleAt().isAfter(now)) {
            Pending next = pending.pollFirst();
            apply(next.type(), next.id(), next.object());
        }
        return visible.get(type).values();
    }

    synchronized List<StoredObject> snapshot(ObjectType type, Instant now) {
        return new ArrayList<>(view(type, now));
    }

    private void apply(ObjectType type, long id, @Nullable StoredObject object) {
        if (object == null) {
            visible.get(type).remove(id);
        } else {
            visible.get(type).put(id, object);
        }
    }

    synchronized void clear() {
        pending.clear();
        for (ObjectType type : ObjectType.values()) {
            visible.put(type, new TreeMap<>());
        }
    }
}
