package com.penguinmails.crmsync.sandbox.hubspot;

import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import java.util.ArrayList;
import java.util.List;

/** Reads HubSpot's query parameters: lists given repeated or comma-separated, bounded integers, booleans. */
final class QueryParams {

    private QueryParams() {
    }

    /** {@code properties=a,b&properties=c} -> [a, b, c]. */
    static List<String> list(SandboxRequest request, String name) {
        List<String> values = new ArrayList<>();
        for (String raw : request.queryParams(name)) {
            for (String part : raw.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }

    /** An integer parameter between 1 and {@code max}; HubSpot answers 400 for anything else. */
    static int limit(SandboxRequest request, int fallback, int max) {
        String raw = request.queryParam("limit").orElse(null);
        if (raw == null) {
            return fallback;
        }
        int limit;
        try {
            limit = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiError.validation("Unable to process JSON: limit must be an integer, was " + raw);
        }
        if (limit < 1 || limit > max) {
            throw ApiError.validation("limit must be between 1 and " + max + ", was " + limit);
        }
        return limit;
    }

    static boolean flag(SandboxRequest request, String name) {
        return request.queryParam(name).map(Boolean::parseBoolean).orElse(false);
    }
}
