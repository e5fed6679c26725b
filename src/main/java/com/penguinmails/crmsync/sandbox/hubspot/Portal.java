package com.penguinmails.crmsync.sandbox.hubspot;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * One HubSpot account's data: records per object type, properties, associations, subscriptions and the search index,
 * behind one read-write lock (reads run together, writes one at a time, so a batch is applied atomically).
 */
final class Portal {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<ObjectType, ObjectStore> stores = new EnumMap<>(ObjectType.class);
    private final PropertyCatalog catalog = new PropertyCatalog();
    private final PropertyValidator validator = new PropertyValidator(catalog);
    private final AssociationStore associations = new AssociationStore();
    private final SubscriptionStore subscriptions = new SubscriptionStore();
    private final SearchIndex searchIndex;
    private final WriteClock clock;
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
        stores.get(object.type()).put(object);
        searchIndex.written(object.type(), object.id(), object, object.updatedAt());
    }

    /** Removes a record for good (GDPR delete). Call under the write lock. */
    void purge(ObjectType type, long id) {
        stores.get(type).purge(id);
        associations.removeRecord(type, id);
        searchIndex.written(type, id, null, clock.next());
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
