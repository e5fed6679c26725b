package com.penguinmails.crmsync.connector.support;

/**
 * A call to a CRM failed as a whole (not one record of it): the subclass says whether retrying can help. Messages
 * name the CRM operation and the vendor's error code, never a token or a record's personal data.
 */
public class CrmApiException extends RuntimeException {

    public CrmApiException(String message) {
        super(message);
    }

    public CrmApiException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure worth retrying after a pause: 5xx, timeouts, dropped connections, lock contention. */
    public static class Transient extends CrmApiException {
        public Transient(String message) {
            super(message);
        }

        public Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The CRM asked to slow down (HTTP 429, REQUEST_LIMIT_EXCEEDED on a per-window limit) for {@code retryAfter}.
     * {@link Scope#CONNECTION} when the CRM says the connection's shared window is spent (every call of the
     * connection waits), {@link Scope#CALL} when only this request was turned away (a search or concurrency limit, a
     * 429 whose headers leave requests to spare): then only this call waits.
     */
    public static class RateLimited extends Transient {

        /** What a rate limit pauses. */
        public enum Scope { CONNECTION, CALL }

        private final java.time.Duration retryAfter;
        private final Scope scope;

        public RateLimited(String message, java.time.Duration retryAfter, Scope scope) {
            super(message);
            this.retryAfter = retryAfter;
            this.scope = scope;
        }

        /** A rate limit on this call only. */
        public RateLimited(String message, java.time.Duration retryAfter) {
            this(message, retryAfter, Scope.CALL);
        }

        public java.time.Duration retryAfter() {
            return retryAfter;
        }

        public Scope scope() {
            return scope;
        }
    }

    /** The CRM rejected the access token (401, INVALID_SESSION_ID): refresh it once and try again. */
    public static class Unauthorized extends CrmApiException {
        public Unauthorized(String message) {
            super(message);
        }
    }
}
