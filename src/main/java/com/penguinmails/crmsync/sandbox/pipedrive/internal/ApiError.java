package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import org.jspecify.annotations.Nullable;

/** A request Pipedrive would refuse: thrown by handlers and validators, answered in Pipedrive's error shape. */
public final class ApiError extends RuntimeException {

    /** The {@code code} Pipedrive API v2 puts on schema validation failures. */
    public static final String SCHEMA_VALIDATION_FAILED = "ERR_SCHEMA_VALIDATION_FAILED";

    private final int status;
    private final @Nullable String code;

    public ApiError(int status, String message, @Nullable String code) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** 400 for a body or parameter that fails the schema: {@code "Validation failed: <where>: <what>"}. */
    public static ApiError validation(String where, String what) {
        return new ApiError(400, "Validation failed: " + where + ": " + what, SCHEMA_VALIDATION_FAILED);
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, message, null);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, message, null);
    }

    public int status() {
        return status;
    }

    public SandboxResponse toResponse() {
        return PipedriveErrors.error(status, getMessage(), code);
    }
}
