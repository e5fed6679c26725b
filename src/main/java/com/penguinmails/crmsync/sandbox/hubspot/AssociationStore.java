package com.penguinmails.crmsync.sandbox.hubspot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Associations between records, stored in both directions with each side's type ids (HubSpot keeps the reverse of
 * every association). Guarded by {@link Portal}'s lock.
 */
final class AssociationStore {

    private record Side(ObjectType type, long id, ObjectType toType) {
    }

    private final Map<Side, TreeMap<Long, Set<Integer>>> links = new HashMap<>();

    void add(AssociationTypes.Type type, long fromId, long toId) {
        links.computeIfAbsent(new Side(type.from(), fromId, type.to()), s -> new TreeMap<>())
                .computeIfAbsent(toId, id -> new TreeSet<>()).add(type.typeId());
        links.computeIfAbsent(new Side(type.to(), toId, type.from()), s -> new TreeMap<>())
                .computeIfAbsent(fromId, id -> new TreeSet<>()).add(type.reverseTypeId());
    }

    /** Removes every association between the two records, both directions. */
    void removeAll(ObjectType fromType, long fromId, ObjectType toType, long toId) {
        remove(new Side(fromType, fromId, toType), toId);
        remove(new Side(toType, toId, fromType), fromId);
    }

    private void remove(Side side, long otherId) {
        TreeMap<Long, Set<Integer>> targets = links.get(side);
        if (targets != null) {
            targets.remove(otherId);
            if (targets.isEmpty()) {
                links.remove(side);
            }
        }
    }

    /** To-record id -> type ids, in id order. */
    Map<Long, Set<Integer>> of(ObjectType fromType, long fromId, ObjectType toType) {
        TreeMap<Long, Set<Integer>> targets = links.get(new Side(fromType, fromId, toType));
        return targets == null ? Map.of() : new TreeMap<>(targets);
    }

    /** Drops every association of a record (it was archived or deleted). */
    void removeRecord(ObjectType type, long id) {
        for (ObjectType other : ObjectType.values()) {
            for (Long otherId : new ArrayList<>(of(type, id, other).keySet())) {
                removeAll(type, id, other, otherId);
            }
        }
    }

    /** Moves every association of {@code loserId} to {@code winnerId} (a merge). */
    void moveRecord(ObjectType type, long loserId, long winnerId) {
        for (ObjectType other : ObjectType.values()) {
            Map<Long, Set<Integer>> targets = of(type, loserId, other);
            targets.forEach((otherId, typeIds) -> {
                for (int typeId : typeIds) {
                    AssociationTypes.find(type, other, typeId).ifPresent(t -> add(t, winnerId, otherId));
                }
            });
            List<Long> ids = new ArrayList<>(targets.keySet());
            ids.forEach(otherId -> removeAll(type, loserId, other, otherId));
        }
    }

    long count() {
        return links.values().stream().mapToLong(m -> m.values().stream().mapToLong(Set::size).sum()).sum() / 2;
    }

    void clear() {
        links.clear();
    }
}
