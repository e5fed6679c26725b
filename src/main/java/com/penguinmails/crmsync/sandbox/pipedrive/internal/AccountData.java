package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import com.penguinmails.crmsync.sandbox.support.SandboxClock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Everything one sandbox Pipedrive company holds: the records per object type, the custom field definitions and the
 * users. Reads are lock-free; every change runs under one lock ({@link #write}) so merges stay atomic.
 */
public final class AccountData {

    /** The company's users: the first one owns the API token and is the default owner. */
    public static final List<Long> USER_IDS = List.of(13_540_001L, 13_540_002L, 13_540_003L);
    public static final long COMPANY_ID = 11_250_001L;

    private final SandboxClock clock;
    private final FieldCatalog catalog;
    private final Map<EntityType, EntityStore> stores = new EnumMap<>(EntityType.class);
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile RecordChangeListener listener = RecordChangeListener.NONE;

    public AccountData(SandboxClock clock, long seed) {
        this.clock = clock;
        this.catalog = new FieldCatalog(seed);
        for (EntityType type : EntityType.values()) {
            stores.put(type, new EntityStore(type, 1, (t, before, after) -> listener.changed(t, before, after)));
        }
    }

    /** Who hears of every record version stored from now on (the webhooks); one listener. */
    public void onChange(RecordChangeListener changeListener) {
        this.listener = changeListener;
    }

    public EntityStore store(EntityType type) {
        return stores.get(type);
    }

    public FieldCatalog catalog() {
        return catalog;
    }

    /** The sandbox clock's now, in whole seconds as Pipedrive stores times. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    public boolean userExists(long id) {
        return USER_IDS.contains(id);
    }

    /** Runs a change under the write lock. */
    public <T> T write(Supplier<T> change) {
        writeLock.lock();
        try {
            return change.get();
        } finally {
            writeLock.unlock();
        }
    }

    /** Empties every store and restores the seeded field definitions. */
    public void clear() {
        write(() -> {
            stores.values().forEach(EntityStore::clear);
            catalog.reset();
            return null;
        });
    }

    /** Live records per object type, for the stats endpoint. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        stores.forEach((type, store) -> counts.put(type.path(), store.liveCount()));
        return counts;
    }
}
