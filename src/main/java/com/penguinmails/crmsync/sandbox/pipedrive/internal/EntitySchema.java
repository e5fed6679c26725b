package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The standard fields of one object type in API v2 order, which of them a create requires, and whether the object
 * carries {@code custom_fields}.
 */
public record EntitySchema(EntityType type, List<FieldSpec> fields, Set<String> requiredOnCreate,
                           boolean customFields) {

    public Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public Map<String, FieldSpec> byName() {
        Map<String, FieldSpec> map = new LinkedHashMap<>();
        fields.forEach(f -> map.put(f.name(), f));
        return map;
    }
}
