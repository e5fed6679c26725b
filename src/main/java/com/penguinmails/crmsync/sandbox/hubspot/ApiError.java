package com.penguinmails.crmsync.sandbox.hubspot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A request HubSpot would refuse, thrown by handlers and turned into HubSpot's error body
 * {@code {status:"error", message, correlationId, category, subCategory?, errors?, context?, links?}}.
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final String category;
    private final @Nullable String subCategory;
    private final Map<String, List<String>> context;
    private final List<Map<String, Object>> errors;

    ApiError(int status, String category, String message, @Nullable String subCategory,
             Map<String, List<String>> context, List<Map<String, Object>> errors) {
        super(message, null, false, false);
        this.status = status;
        this.category = category;
        this.subCategory = subCategory;
        this.context = context;
        this.errors = errors;
    }

    static ApiError validation(String message) {
        return new ApiError(400, "VALIDATION_ERROR", message, null, Map.of(), List.of());
    }

    static ApiError validation(String message, Map<String, List<String>> context) {
        return new ApiError(400, "VALIDATION_ERROR", message, null, context, List.of());
    }

    static ApiError notFound(String message, Map<String, List<String>> context) {
        return new ApiError(404, "OBJECT_NOT_FOUND", message, null, context, List.of());
    }

    static ApiError conflict(String message) {
        return new ApiError(409, "CONFLICT", message, null, Map.of(), List.of());
    }

    int status() {
        return status;
    }

    String category() {
        return category;
    }

    /** The error body, with a fresh correlation id. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", getMessage());
        body.put("correlationId", UUID.randomUUID().toString());
        if (!context.isEmpty()) {
            body.put("context", context);
        }
        body.put("category", category);
        if (subCategory != null) {
            body.put("subCategory", subCategory);
        }
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        return body;
    }

    /** The same error as one entry of a 207 multi-status {@code errors} array. */
    Map<String, Object> asBatchError() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", "error");
        error.put("category", category);
        if (subCategory != null) {
            error.put("subCategory", subCategory);
        }
        error.put("message", getMessage());
        error.put("context", context);
        error.put("errors", errors);
        error.put("links", Map.of());
        return error;
    }
}
