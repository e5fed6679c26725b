package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import com.penguinmails.crmsync.sandbox.support.VendorErrors;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Pipedrive's error body, {@code {"success": false, "error": ..., "error_info": ..., "data": null,
 * "additional_data": null}} (plus {@code errorCode} on 401/429 and {@code code} on v2 validation failures), for the
 * sandbox's own errors and the shared server's unknown routes and injected faults.
 */
public final class PipedriveErrors implements VendorErrors {

    static final String ERROR_INFO = "Please check developers.pipedrive.com for more information about Pipedrive API.";

    @Override
    public SandboxResponse notFound(SandboxRequest request) {
        return error(404, "Unknown method .", null);
    }

    @Override
    public SandboxResponse serverError(SandboxRequest request) {
        return error(500, "Internal server error", null);
    }

    @Override
    public SandboxResponse rateLimited(SandboxRequest request, Duration retryAfter) {
        return withErrorCode(429, "Request over limit")
                .withHeader("retry-after", Long.toString(Math.max(1, retryAfter.toSeconds())));
    }

    /** The common error body. */
    public static SandboxResponse error(int status, String message, @Nullable String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", message);
        if (code != null) {
            body.put("code", code);
        }
        body.put("error_info", ERROR_INFO);
        body.put("data", null);
        body.put("additional_data", null);
        return SandboxResponse.json(status, body);
    }

    /** The body of 401 and 429 answers, which also carry the status as {@code errorCode}. */
    public static SandboxResponse withErrorCode(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", message);
        body.put("errorCode", status);
        body.put("error_info", ERROR_INFO);
        body.put("data", null);
        body.put("additional_data", null);
        return SandboxResponse.json(status, body);
    }

    public static SandboxResponse unauthorized() {
        return withErrorCode(401, "unauthorized access");
    }
}
