package com.penguinmails.crmsync.connector.hubspot.internal;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One input of a HubSpot batch write, with the position of its record in the caller's list.
 *
 * @param id         the CRM id (update), the unique property's value (upsert), or null (create)
 * @param idProperty the unique property of an upsert, else null
 */
record WriteInput(int index, @Nullable String id, @Nullable String idProperty, Map<String, String> properties) {

    WriteInput {
        properties = Map.copyOf(properties);
    }

    /** The key results and errors name this input by (ids as HubSpot echoes them; e-mails case-insensitively). */
    @Nullable String key() {
        return id == null ? null : normalise(id);
    }

    static String normalise(String id) {
        return id.trim().toLowerCase(Locale.ROOT);
    }

    /** This input without {@code names} among its properties. */
    WriteInput without(java.util.Collection<String> names) {
        Map<String, String> kept = new java.util.LinkedHashMap<>(properties);
        kept.keySet().removeAll(names);
        return new WriteInput(index, id, idProperty, kept);
    }

    ObjectNode toJson() {
        ObjectNode json = HubSpotApi.object();
        if (id != null) {
            json.put("id", id);
        }
        if (idProperty != null) {
            json.put("idProperty", idProperty);
        } else if (id == null) {
            json.put("objectWriteTraceId", Integer.toString(index));
        }
        ObjectNode values = json.putObject("properties");
        properties.forEach(values::put);
        return json;
    }
}
