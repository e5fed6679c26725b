package com.penguinmails.crmsync.sandbox.pipedrive.internal;

/** The Pipedrive objects the sandbox serves, with their API path, field-metadata path and display name. */
public enum EntityType {
    PERSON("persons", "personFields", "Person", "person"),
    ORGANIZATION("organizations", "organizationFields", "Organization", "organization"),
    DEAL("deals", "dealFields", "Deal", "deal"),
    ACTIVITY("activities", "activityFields", "Activity", "activity");

    private final String path;
    private final String fieldsPath;
    private final String displayName;
    private final String searchType;

    EntityType(String path, String fieldsPath, String displayName, String searchType) {
        this.path = path;
        this.fieldsPath = fieldsPath;
        this.displayName = displayName;
        this.searchType = searchType;
    }

    /** {@code persons} in {@code /api/v2/persons}. */
    public String path() {
        return path;
    }

    /** {@code personFields} in {@code /api/v2/personFields}. */
    public String fieldsPath() {
        return fieldsPath;
    }

    /** {@code Person} in "Person not found". */
    public String displayName() {
        return displayName;
    }

    /** {@code person}, the {@code type} of a search result item. */
    public String searchType() {
        return searchType;
    }
}
