package com.penguinmails.crmsync.sandbox.hubspot;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * One HubSpot account's data: records per object type, properties, associations, subscriptions and the search index,
 * behind one read-write lock (reads run together, writes one at a time, so a batch is applied atomically).
 */
final class Portal {

    /** HubSpot's read-only contact property naming the contact's primary company. */
    static final String PRIMARY_COMPANY = "associatedcompanyid";

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<ObjectType, ObjectStore> stores = new EnumMap<>(ObjectType.class);
    private final PropertyCatalog catalog = new PropertyCatalog();
    private final PropertyValidator validator = new PropertyValidator(catalog);
    private final AssociationStore associations = new AssociationStore();
    private final SubscriptionStore subscriptions = new SubscriptionStore();
    private final SearchIndex searchIndex;
    private final WriteClock clock;
    private volatile PortalChanges changes = PortalChanges.NONE;
    private long nextId;

    Portal(WriteClock clock, Duration searchIndexDelay) {
        this.clock = clock;
        this.searchIndex = new SearchIndex(searchIndexDelay);
        for (ObjectType type : ObjectType.values()) {
            stores.put(type, new ObjectStore(type));
        }
    }

    <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    ObjectStore store(ObjectType type) {
        return stores.get(type);
    }

    PropertyCatalog catalog() {
        return catalog;
    }

    PropertyValidator validator() {
        return validator;
    }

    AssociationStore associations() {
        return associations;
    }

    SubscriptionStore subscriptions() {
        return subscriptions;
    }

    WriteClock clock() {
        return clock;
    }

    /** Tells {@code listener} of every change from now on (the webhook events). */
    void listen(PortalChanges listener) {
        this.changes = listener;
    }

    /** Who hears of the portal's changes (a merge is announced by its handler, which knows what it moved). */
    PortalChanges changes() {
        return changes;
    }

    /** The search index (thread-safe on its own: searching applies writes whose lag has passed). */
    SearchIndex searchIndex() {
        return searchIndex;
    }

    /** Ids are one sequence across types, so a contact id is never also a company id. Call under the write lock. */
    long nextId() {
        return nextId++;
    }

    /** Stores a record's new state and hands it to the search index. Call under the write lock. */
    void save(StoredObject object) {
        StoredObject previous = stores.get(object.type()).any(object.id()).orElse(null);
        stores.get(object.type()).put(object);
        changes.saved(previous, object);
        searchIndex.written(object.type(), object.id(), object, object.updatedAt());
    }

    /** Removes a record for good (GDPR delete). Call under the write lock. */
    void purge(ObjectType type, long id) {
        var removed = stores.get(type).any(id);
        stores.get(type).purge(id);
        dropAssociations(type, id);
        Instant at = clock.next();
        searchIndex.written(type, id, null, at);
        removed.ifPresent(object -> changes.purged(object, at));
    }

    /** Associates two records and keeps the contact's primary company up to date. Call under the write lock. */
    void associate(AssociationTypes.Type type, long fromId, long toId) {
        boolean fresh = !associations.of(type.from(), fromId, type.to()).getOrDefault(toId, Set.of())
                .contains(type.typeId());
        associations.add(type, fromId, toId);
        if (fresh) {
            changes.associationChanged(type, fromId, toId, false, clock.now());
        }
        refreshPrimaryCompany(type.from(), fromId, type.to(), toId);
    }

    /** Removes every association between two records, both ways. Call under the write lock. */
    void dissociate(ObjectType fromType, long fromId, ObjectType toType, long toId) {
        Set<Integer> typeIds = associations.of(fromType, fromId, toType).getOrDefault(toId, Set.of());
        associations.removeAll(fromType, fromId, toType, toId);
        Instant at = clock.now();
        typeIds.forEach(typeId -> AssociationTypes.find(fromType, toType, typeId)
                .ifPresent(type -> changes.associationChanged(type, fromId, toId, true, at)));
        refreshPrimaryCompany(fromType, fromId, toType, toId);
    }

    /** Drops every association of a record that is archived or purged. Call under the write lock. */
    void dropAssociations(ObjectType type, long id) {
        List<Long> contacts = type == ObjectType.COMPANIES
                ? List.copyOf(associations.of(type, id, ObjectType.CONTACTS).keySet()) : List.of();
        associations.removeRecord(type, id);
        contacts.forEach(this::refreshPrimaryCompany);
    }

    private void refreshPrimaryCompany(ObjectType fromType, long fromId, ObjectType toType, long toId) {
        if (fromType == ObjectType.CONTACTS && toType == ObjectType.COMPANIES) {
            refreshPrimaryCompany(fromId);
        } else if (fromType == ObjectType.COMPANIES && toType == ObjectType.CONTACTS) {
            refreshPrimaryCompany(toId);
        }
    }

    /**
     * Keeps {@code associatedcompanyid} as HubSpot does: the contact's primary company, which stays while it is
     * associated; otherwise the first associated company becomes primary (none left: the property is cleared). A
     * change is a modification of the contact. Call under the write lock.
     */
    void refreshPrimaryCompany(long contactId) {
        stores.get(ObjectType.CONTACTS).live(contactId).ifPresent(contact -> {
            Set<Long> companies = associations.of(ObjectType.CONTACTS, contactId, ObjectType.COMPANIES).keySet();
            String current = contact.property(PRIMARY_COMPANY);
            String next = current != null && companies.contains(Long.parseLong(current)) ? current
                    : companies.isEmpty() ? "" : Long.toString(companies.iterator().next());
            if (!next.equals(current == null ? "" : current)) {
                save(contact.withChanges(Map.of(PRIMARY_COMPANY, next), clock.next()));
            }
        });
    }

    /** Empties everything; ids restart at {@code firstId}. Call under the write lock. */
    void clear(long firstId) {
        stores.values().forEach(ObjectStore::clear);
        associations.clear();
        searchIndex.clear();
        nextId = firstId;
    }

    Map<String, Object> counts() {
        return read(() -> {
            Map<String, Object> counts = new LinkedHashMap<>();
            stores.forEach((type, store) -> counts.put(type.path(), store.liveCount()));
            counts.put("associations", associations.count());
            return counts;
        });
    }
}
