package com.penguinmails.crmsync.sandbox.salesforce.rest;

import com.penguinmails.crmsync.sandbox.salesforce.model.ObjectDef;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a REST record body ({@code {field: value}}) into wire text for the store: strings as they are, numbers and
 * booleans as their JSON text, {@code null} to clear a field; {@code attributes} is ignored. Malformed JSON is 400
 * JSON_PARSER_ERROR and an unknown field 400 INVALID_FIELD, before anything is written.
 */
final class RestBodies {

    /** A body that could not be read, with the response to send. */
    static final class Rejected extends RuntimeException {
        private final SandboxResponse response;

        Rejected(SandboxResponse response) {
            super("rejected");
            this.response = response;
        }

        SandboxResponse response() {
            return response;
        }
    }

    private RestBodies() {
    }

    /** Field name (canonical, {@code Id} included when sent) to text. */
    static Map<String, @Nullable String> values(ObjectDef object, byte[] body) {
        JsonNode node;
        try {
            node = SandboxResponse.jsonMapper().readTree(body);
        } catch (JacksonException e) {
            throw new Rejected(RestErrors.error(400, "JSON_PARSER_ERROR", "Unexpected character in the JSON body: "
                    + e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new Rejected(RestErrors.error(400, "JSON_PARSER_ERROR", "Can not deserialize SObject out of "
                    + (node == null ? "an empty body" : node.getNodeType().name().toLowerCase(Locale.ROOT)) + " token"));
        }
        Map<String, @Nullable String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String name = entry.getKey();
            if (name.equals("attributes")) {
                continue;
            }
            String field = object.field(name).orElseThrow(() -> new Rejected(RestErrors.error(400,
                    "INVALID_FIELD", "No such column '" + name + "' on sobject of type " + object.name()))).name();
            JsonNode value = entry.getValue();
            if (value.isContainer()) {
                throw new Rejected(RestErrors.error(400, "INVALID_FIELD", "Foreign key external ID references ("
                        + name + ") are not supported by the sandbox"));
            }
            values.put(field, value.isNull() ? null : value.asString());
        }
        return values;
    }
}
