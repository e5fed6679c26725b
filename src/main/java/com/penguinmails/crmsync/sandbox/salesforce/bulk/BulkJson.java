package com.penguinmails.crmsync.sandbox.salesforce.bulk;

import com.penguinmails.crmsync.sandbox.salesforce.rest.RestErrors;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.util.Iterator;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reads Bulk API 2.0 JSON request bodies strictly: malformed JSON or unknown properties are JSON_PARSER_ERROR. */
final class BulkJson {

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

    private BulkJson() {
    }

    static JsonNode read(byte[] body, Set<String> allowed) {
        JsonNode node;
        try {
            node = SandboxResponse.jsonMapper().readTree(body);
        } catch (JacksonException e) {
            throw new Rejected(RestErrors.error(400, "JSON_PARSER_ERROR", "Unexpected character in the JSON body: "
                    + e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new Rejected(RestErrors.error(400, "JSON_PARSER_ERROR", "The request body must be a JSON object"));
        }
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new Rejected(RestErrors.error(400, "JSON_PARSER_ERROR", "Unrecognized field \"" + name
                        + "\" (not marked as ignorable)"));
            }
        }
        return node;
    }

    static String text(JsonNode node, String name, String fallback) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? fallback : value.asString();
    }
}
