package com.penguinmails.crmsync.connector.hubspot.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What a batch endpoint answered: 200/201 with results, 207 with results and per-input errors, or a 4xx refusing the
 * whole batch (then {@code errors} holds that one error).
 */
record BatchReply(int status, List<HsObject> results, List<BatchError> errors) {

    /** One error of a batch: HubSpot's category, its message (internal only: it may quote values), the ids it names. */
    record BatchError(String category, String message, Map<String, List<String>> context, JsonNode json) {

        List<String> ids() {
            return context.getOrDefault("ids", List.of());
        }

        static BatchError from(JsonNode json) {
            Map<String, List<String>> context = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : json.path("context").properties()) {
                List<String> values = new ArrayList<>();
                entry.getValue().values().forEach(v -> values.add(v.asString()));
                context.put(entry.getKey(), values);
            }
            String category = json.path("category").asString("");
            return new BatchError(category.isEmpty() ? "UNKNOWN" : category, json.path("message").asString(""),
                    context, json);
        }
    }

    boolean refused() {
        return status >= 400;
    }

    static BatchReply from(HubSpotHttp.Reply reply) {
        List<HsObject> results = new ArrayList<>();
        List<BatchError> errors = new ArrayList<>();
        if (reply.success()) {
            reply.body().path("results").values().forEach(r -> results.add(HsObject.from(r)));
            reply.body().path("errors").values().forEach(e -> errors.add(BatchError.from(e)));
        } else {
            errors.add(BatchError.from(reply.body()));
        }
        return new BatchReply(reply.status(), results, errors);
    }
}
