package com.penguinmails.crmsync.connector.pipedrive.internal;

import com.penguinmails.crmsync.core.ObjectType;

/** The Pipedrive objects the connector reads and writes, with their v2 paths and field-metadata paths. */
public enum Entity {
    PERSONS("persons", "personFields"),
    ORGANIZATIONS("organizations", "organizationFields"),
    DEALS("deals", "dealFields"),
    ACTIVITIES("activities", "activityFields");

    private final String path;
    private final String fieldsPath;

    Entity(String path, String fieldsPath) {
        this.path = path;
        this.fieldsPath = fieldsPath;
    }

    /** @throws IllegalArgumentException for {@link ObjectType#LEAD}: Pipedrive leads are not synced */
    public static Entity of(ObjectType type) {
        return switch (type) {
            case CONTACT -> PERSONS;
            case COMPANY -> ORGANIZATIONS;
            case DEAL -> DEALS;
            case LEAD -> throw new IllegalArgumentException("Pipedrive has no LEAD object in this connector: "
                    + "Pipedrive leads are a separate API that is not synced; use CONTACT (persons)");
        };
    }

    public String path() {
        return path;
    }

    public String fieldsPath() {
        return fieldsPath;
    }
}
