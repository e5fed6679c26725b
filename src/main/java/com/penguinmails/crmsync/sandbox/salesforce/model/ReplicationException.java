package com.penguinmails.crmsync.sandbox.salesforce.model;

/** A getUpdated/getDeleted request Salesforce refuses: INVALID_REPLICATION_DATE or EXCEEDED_ID_LIMIT. */
public final class ReplicationException extends RuntimeException {

    private final String code;

    public ReplicationException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
