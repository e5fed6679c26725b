package com.penguinmails.crmsync.sandbox.hubspot;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One CRM record as stored: immutable, replaced on every write. Property values are strings, as HubSpot keeps them;
 * an archived record has {@code archivedAt}; a contact merged into another has {@code mergedInto}.
 */
record StoredObject(long id, ObjectType type, Map<String, String> properties, Instant createdAt, Instant updatedAt,
                    @Nullable Instant archivedAt, @Nullable Long mergedInto) {

    StoredObject {
        properties = Map.copyOf(properties);
    }

    String idText() {
        return Long.toString(id);
    }

    boolean archived() {
        return archivedAt != null;
    }

    @Nullable String property(String name) {
        String value = properties.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** This record with {@code changes} applied (empty values clear) and the modification time moved to {@code at}. */
    StoredObject withChanges(Map<String, String> changes, Instant at) {
        Map<String, String> next = new TreeMap<>(properties);
        changes.forEach((name, value) -> {
            if (value.isEmpty()) {
                next.remove(name);
            } else {
                next.put(name, value);
            }
        });
        next.put(type.lastModifiedProperty(), Instants.format(at));
        return new StoredObject(id, type, next, createdAt, at, archivedAt, mergedInto);
    }

    /** This record live again (restored from the recycle bin), modified at {@code at}. */
    StoredObject restoredAt(Instant at) {
        Map<String, String> next = new TreeMap<>(properties);
        next.put(type.lastModifiedProperty(), Instants.format(at));
        return new StoredObject(id, type, next, createdAt, at, null, null);
    }

    StoredObject archivedAt(Instant at, @Nullable Long mergedIntoId) {
        return new StoredObject(id, type, properties, createdAt, at, at, mergedIntoId);
    }
}
