package com.penguinmails.crmsync.serve.api;

import java.util.List;

/**
 * A refusal of an API call, answered as {@code application/problem+json} by {@link ApiProblemHandler}: the type names
 * the reason, the detail says it for a person, and a refused change lists each field's problem ({@code errors}).
 * A refused call changes nothing.
 */
public abstract sealed class ApiProblem extends RuntimeException {

    /** The base of the problem types; the reason follows it. */
    public static final String TYPE_BASE = "https://penguinmails.com/problems/crm-sync/";

    private final int status;
    private final String reason;

    ApiProblem(int status, String reason, String detail) {
        super(detail);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    /** The problem type's last segment, e.g. {@code not-found}, {@code invalid-field}. */
    public String reason() {
        return reason;
    }

    /** 404: no such thing, or one the caller may not see (another tenant's looks the same). */
    public static final class NotFound extends ApiProblem {
        public NotFound(String detail) {
            super(404, "not-found", detail);
        }
    }

    /** 403: the caller is authenticated but the token does not allow the call. */
    public static final class Forbidden extends ApiProblem {
        public Forbidden(String detail) {
            super(403, "forbidden", detail);
        }
    }

    /** 409: the call conflicts with the state of the thing (e.g. activating a disconnected connection). */
    public static final class Conflict extends ApiProblem {
        public Conflict(String detail) {
            super(409, "conflict", detail);
        }
    }

    /**
     * 400: the request is invalid; {@code errors} names each field (a JSON pointer-like name such as
     * {@code fieldMap[2].crmField} or {@code syncFrequency}) with its problem.
     */
    public static final class Invalid extends ApiProblem {

        private final List<FieldError> errors;

        public Invalid(String detail, List<FieldError> errors) {
            super(400, "invalid-request", detail);
            this.errors = List.copyOf(errors);
        }

        public Invalid(String field, String problem) {
            this(field + ": " + problem, List.of(new FieldError(field, problem)));
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** One field's problem in a refused request. */
    public record FieldError(String field, String problem) {
    }
}
