package com.penguinmails.crmsync.sandbox.hubspot;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CRM object types the sandbox serves, with the names HubSpot accepts in paths (plural, singular, type id), the
 * name used in its error messages, and the properties it always returns.
 */
enum ObjectType {
    CONTACTS("contacts", "contact", "0-1", "CONTACT", "lastmodifieddate", "createdate",
            List.of("createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname")),
    COMPANIES("companies", "company", "0-2", "COMPANY", "hs_lastmodifieddate", "createdate",
            List.of("createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name")),
    DEALS("deals", "deal", "0-3", "DEAL", "hs_lastmodifieddate", "createdate",
            List.of("amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate",
                    "hs_object_id", "pipeline")),
    EMAILS("emails", "email", "0-49", "EMAIL", "hs_lastmodifieddate", "hs_createdate",
            List.of("hs_createdate", "hs_lastmodifieddate", "hs_object_id")),
    NOTES("notes", "note", "0-46", "NOTE", "hs_lastmodifieddate", "hs_createdate",
            List.of("hs_createdate", "hs_lastmodifieddate", "hs_object_id")),
    TASKS("tasks", "task", "0-27", "TASK", "hs_lastmodifieddate", "hs_createdate",
            List.of("hs_createdate", "hs_lastmodifieddate", "hs_object_id"));

    private final String path;
    private final String singular;
    private final String typeId;
    private final String errorName;
    private final String lastModifiedProperty;
    private final String createdProperty;
    private final List<String> defaultProperties;

    ObjectType(String path, String singular, String typeId, String errorName, String lastModifiedProperty,
               String createdProperty, List<String> defaultProperties) {
        this.path = path;
        this.singular = singular;
        this.typeId = typeId;
        this.errorName = errorName;
        this.lastModifiedProperty = lastModifiedProperty;
        this.createdProperty = createdProperty;
        this.defaultProperties = defaultProperties;
    }

    /** The type named in a path: {@code contacts}, {@code contact} or {@code 0-1}. */
    static Optional<ObjectType> fromPath(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(t -> t.path.equals(lower) || t.singular.equals(lower) || t.typeId.equals(lower))
                .findFirst();
    }

    /** The type named in a path, or HubSpot's 400 for a name it cannot infer a type from. */
    static ObjectType require(String name) {
        return fromPath(name).orElseThrow(() -> ApiError.validation("Unable to infer object type from: " + name));
    }

    String path() {
        return path;
    }

    String typeId() {
        return typeId;
    }

    String errorName() {
        return errorName;
    }

    String lastModifiedProperty() {
        return lastModifiedProperty;
    }

    String createdProperty() {
        return createdProperty;
    }

    List<String> defaultProperties() {
        return defaultProperties;
    }

    /** Engagements (emails, notes, tasks) require {@code hs_timestamp}. */
    boolean isEngagement() {
        return this == EMAILS || this == NOTES || this == TASKS;
    }
}
