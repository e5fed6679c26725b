package com.penguinmails.crmsync.connector.hubspot.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One record as HubSpot's {@code SimplePublicObject} carries it: id, property values (strings, as HubSpot keeps
 * them; null when unset), modification and archive times, and, from an upsert, whether it was created.
 */
public record HsObject(String id, Map<String, @Nullable String> properties, @Nullable Instant updatedAt,
                       @Nullable Instant archivedAt, boolean created) {

    public HsObject {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    static HsObject from(JsonNode json) {
        Map<String, @Nullable String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : json.path("properties").properties()) {
            JsonNode value = property.getValue();
            properties.put(property.getKey(), value.isNull() || value.isMissingNode() ? null : value.asString());
        }
        return new HsObject(json.path("id").asString(), properties, instant(json.path("updatedAt").asString(null)),
                instant(json.path("archivedAt").asString(null)), json.path("new").asBoolean(false));
    }

    public @Nullable String property(String name) {
        String value = properties.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** A HubSpot timestamp: ISO-8601, or epoch milliseconds as some date properties hold them. */
    static @Nullable Instant instant(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notIso) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(text.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
