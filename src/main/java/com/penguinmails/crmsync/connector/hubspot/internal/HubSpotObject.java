package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.core.ObjectType;
import java.util.Locale;

/**
 * The HubSpot CRM objects behind the suite's {@link ObjectType}s: their path segment and the property holding their
 * last modification time ({@code lastmodifieddate} on contacts, {@code hs_lastmodifieddate} elsewhere).
 */
public enum HubSpotObject {
    CONTACTS("contacts", "lastmodifieddate"),
    COMPANIES("companies", "hs_lastmodifieddate"),
    DEALS("deals", "hs_lastmodifieddate"),
    EMAILS("emails", "hs_lastmodifieddate"),
    TASKS("tasks", "hs_lastmodifieddate");

    private final String path;
    private final String modifiedProperty;

    HubSpotObject(String path, String modifiedProperty) {
        this.path = path;
        this.modifiedProperty = modifiedProperty;
    }

    /**
     * @throws IllegalArgumentException for {@link ObjectType#LEAD}: HubSpot has no lead object the suite syncs
     */
    public static HubSpotObject of(ObjectType type) {
        return switch (type) {
            case CONTACT -> CONTACTS;
            case COMPANY -> COMPANIES;
            case DEAL -> DEALS;
            case LEAD -> throw new IllegalArgumentException("HubSpot has no " + type.name().toLowerCase(Locale.ROOT)
                    + " object to sync; map leads to contacts (lifecyclestage) instead");
        };
    }

    public String path() {
        return path;
    }

    public String modifiedProperty() {
        return modifiedProperty;
    }
}
