package com.penguinmails.crmsync.connector.hubspot.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The properties of each HubSpot object, read once per connector from the Properties API (one call per object type)
 * and kept: what the change feed asks search for, and what describe reports.
 */
public final class PropertyDirectory {

    private final HubSpotApi api;
    private final Map<HubSpotObject, List<PropertyInfo>> cache = new ConcurrentHashMap<>();

    public PropertyDirectory(HubSpotApi api) {
        this.api = api;
    }

    List<PropertyInfo> of(HubSpotObject type) {
        return cache.computeIfAbsent(type, api::properties);
    }

    /** Forgets what was read of {@code type} (a property was created). */
    void forget(HubSpotObject type) {
        cache.remove(type);
    }
}
