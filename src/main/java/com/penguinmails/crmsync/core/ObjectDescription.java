package com.penguinmails.crmsync.core;

import java.util.List;
import java.util.Optional;

/** A CRM object's fields as the CRM describes them (Salesforce describe, HubSpot properties, Pipedrive fields). */
public record ObjectDescription(ObjectType type, String crmName, List<FieldDescription> fields) {

    public ObjectDescription {
        fields = List.copyOf(fields);
    }

    public Optional<FieldDescription> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
