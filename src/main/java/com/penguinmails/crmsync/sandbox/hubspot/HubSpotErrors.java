package com.penguinmails.crmsync.sandbox.hubspot;

import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import com.penguinmails.crmsync.sandbox.support.VendorErrors;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How HubSpot words errors: its standard error body for unknown paths and server errors, and its rate-limit body
 * {@code {status, message, errorType:"RATE_LIMIT", correlationId, policyName, requestId}} for 429s.
 */
final class HubSpotErrors implements VendorErrors {

    /** HubSpot's rate-limit policies, as named in the 429 body. */
    enum Policy {
        TEN_SECONDLY_ROLLING("You have reached your ten_secondly_rolling limit."),
        SECONDLY("You have reached your secondly limit."),
        DAILY("You have reached your daily limit.");

        private final String message;

        Policy(String message) {
            this.message = message;
        }
    }

    @Override
    public SandboxResponse notFound(SandboxRequest request) {
        return response(new ApiError(404, "OBJECT_NOT_FOUND", "resource not found", null, Map.of(), List.of()));
    }

    @Override
    public SandboxResponse serverError(SandboxRequest request) {
        return response(new ApiError(500, "INTERNAL_ERROR", "internal error", null, Map.of(), List.of()));
    }

    @Override
    public SandboxResponse rateLimited(SandboxRequest request, Duration retryAfter) {
        return rateLimited(Policy.TEN_SECONDLY_ROLLING);
    }

    static SandboxResponse rateLimited(Policy policy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", policy.message);
        body.put("errorType", "RATE_LIMIT");
        body.put("correlationId", UUID.randomUUID().toString());
        body.put("policyName", policy.name());
        body.put("requestId", UUID.randomUUID().toString().replace("-", ""));
        return SandboxResponse.json(429, body);
    }

    static SandboxResponse response(ApiError error) {
        return SandboxResponse.json(error.status(), error.body());
    }
}
