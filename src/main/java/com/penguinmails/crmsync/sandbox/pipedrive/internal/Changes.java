package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A validated write: standard field values and custom field values by key (null clears a value). */
public record Changes(Map<String, @Nullable Object> fields, Map<String, @Nullable Object> customFields) {

    public static Changes empty() {
        return new Changes(new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }
}
