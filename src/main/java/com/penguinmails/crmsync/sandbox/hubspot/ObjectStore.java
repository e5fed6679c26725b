package com.penguinmails.crmsync.sandbox.hubspot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The records of one object type, in id order, with the ids merged records left behind (aliases of the record they
 * were merged into) and, for contacts, the portal-wide email index (primary and additional emails of live
 * contacts). Not thread-safe on its own: {@link Portal}'s lock guards it.
 */
final class ObjectStore {

    private final ObjectType type;
    private final NavigableMap<Long, StoredObject> objects = new TreeMap<>();
    private final Map<Long, Long> aliases = new HashMap<>();
    private final Map<String, Long> emails = new HashMap<>();
    /**
     * Live records by the value of a property looked up by value (unique custom properties, e.g. an idempotency key),
     * built on first use and kept up to date by {@link #put}: value -> lowest live id holding it.
     */
    private final Map<String, Map<String, Long>> valueIndexes = new HashMap<>();

    ObjectStore(ObjectType type) {
        this.type = type;
    }

    /** A live record by id, following merge aliases. */
    Optional<StoredObject> live(long id) {
        Long target = aliases.getOrDefault(id, id);
        StoredObject object = objects.get(target);
        return object == null || object.archived() ? Optional.empty() : Optional.of(object);
    }

    /** A record by id whether live or archived (no alias following). */
    Optional<StoredObject> any(long id) {
        return Optional.ofNullable(objects.get(id));
    }

    /** A live record by a unique property ({@code hs_object_id}, {@code email} or a unique custom property). */
    Optional<StoredObject> liveBy(String idProperty, String value) {
        if ("hs_object_id".equals(idProperty)) {
            return parseId(value).flatMap(this::live);
        }
        if (type == ObjectType.CONTACTS && "email".equals(idProperty)) {
            Long id = emails.get(value.trim().toLowerCase(Locale.ROOT));
            return id == null ? Optional.empty() : live(id);
        }
        Long id = valueIndexes.computeIfAbsent(idProperty, this::valueIndex).get(value);
        return id == null ? Optional.empty() : live(id);
    }

    private Map<String, Long> valueIndex(String property) {
        Map<String, Long> index = new HashMap<>();
        for (StoredObject object : objects.values()) {
            Object value = object.archived() ? null : object.properties().get(property);
            if (value != null) {
                index.putIfAbsent(value.toString(), object.id());
            }
        }
        return index;
    }

    /** Keeps the value indexes right when {@code previous} becomes {@code current} (either may be null). */
    private void reindexValues(@Nullable StoredObject previous, @Nullable StoredObject current) {
        List<String> stale = new ArrayList<>();
        valueIndexes.forEach((property, index) -> {
            Object before = previous == null || previous.archived() ? null : previous.properties().get(property);
            Object after = current == null || current.archived() ? null : current.properties().get(property);
            if (java.util.Objects.equals(before, after)) {
                return;
            }
            if (before != null && previous.id() == index.getOrDefault(before.toString(), -1L)) {
                stale.add(property); // another record may hold the value too: rebuilt on next use
            } else if (after != null) {
                index.merge(after.toString(), current.id(), Math::min);
            }
        });
        stale.forEach(valueIndexes::remove);
    }

    static Optional<Long> parseId(String text) {
        try {
            long id = Long.parseLong(text.trim());
            return id > 0 ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    void put(StoredObject object) {
        StoredObject previous = objects.put(object.id(), object);
        reindexValues(previous, object);
        if (type == ObjectType.CONTACTS) {
            unindex(previous);
            if (!object.archived()) {
                index(object);
            }
        }
    }

    /** Permanently removes a record (GDPR delete): it leaves no archived trace. */
    void purge(long id) {
        StoredObject removed = objects.remove(id);
        reindexValues(removed, null);
        unindex(removed);
        aliases.values().removeIf(target -> target == id);
        aliases.remove(id);
    }

    void alias(long mergedId, long primaryId) {
        aliases.put(mergedId, primaryId);
        aliases.replaceAll((from, to) -> to == mergedId ? primaryId : to);
    }

    /** The live (or, when {@code archived}, the archived) records with id >= {@code fromId}, at most {@code limit}+1. */
    List<StoredObject> page(long fromId, int limit, boolean archived) {
        List<StoredObject> page = new ArrayList<>();
        for (StoredObject object : objects.tailMap(fromId, true).values()) {
            if (object.archived() == archived) {
                page.add(object);
                if (page.size() > limit) {
                    break;
                }
            }
        }
        return page;
    }

    List<StoredObject> allLive() {
        return objects.values().stream().filter(o -> !o.archived()).toList();
    }

    long liveCount() {
        return objects.values().stream().filter(o -> !o.archived()).count();
    }

    /** The live contact holding {@code email} as primary or additional address. */
    @Nullable Long contactWithEmail(String email) {
        return emails.get(email.toLowerCase(Locale.ROOT));
    }

    private void index(StoredObject contact) {
        String email = contact.property("email");
        if (email != null) {
            emails.put(email, contact.id());
        }
        String additional = contact.property("hs_additional_emails");
        if (additional != null) {
            for (String other : additional.split(";")) {
                emails.putIfAbsent(other, contact.id());
            }
        }
    }

    private void unindex(@Nullable StoredObject contact) {
        if (contact == null) {
            return;
        }
        List<String> held = new ArrayList<>();
        String email = contact.property("email");
        if (email != null) {
            held.add(email);
        }
        String additional = contact.property("hs_additional_emails");
        if (additional != null) {
            held.addAll(List.of(additional.split(";")));
        }
        held.forEach(address -> emails.remove(address, contact.id()));
    }

    void clear() {
        objects.clear();
        aliases.clear();
        emails.clear();
    }
}
