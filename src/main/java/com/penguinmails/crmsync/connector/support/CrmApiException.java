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

    /** The CRM asked to slow down (HTTP 429, REQUEST_LIMIT_EXCEEDED on a per-window limit). */
    public static class RateLimited extends Transient {
        private final java.time.Duration retryAfter;

        public RateLimited(String message, java.time.Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public java.time.Duration retryAfter() {
            return retryAfter;
        }
    }

    /** The CRM rejected the access token (401, INVALID_SESSION_ID): refresh it once and try again. */
    public static class Unauthorized extends CrmApiException {
        public Unauthorized(String message) {
            super(message);
        }
    }
}
