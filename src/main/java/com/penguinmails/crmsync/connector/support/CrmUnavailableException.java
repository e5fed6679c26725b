package com.penguinmails.crmsync.connector.support;

/**
 * A connection cannot be used now: its authorisation was revoked, its quota (or our share of it) is spent, or the CRM
 * stayed down through every retry. Jobs fail that connection's partition with this message and record the reason on
 * the connection; other connections go on.
 */
public class CrmUnavailableException extends RuntimeException {

    /** Why the connection is unusable. */
    public enum Reason { AUTH_REVOKED, QUOTA_EXHAUSTED, CRM_DOWN }

    private final Reason reason;

    public CrmUnavailableException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public CrmUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
