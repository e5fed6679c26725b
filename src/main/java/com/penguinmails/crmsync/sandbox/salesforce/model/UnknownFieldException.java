package com.penguinmails.crmsync.sandbox.salesforce.model;

/** A write names a field the object does not have: Salesforce fails the whole call with INVALID_FIELD. */
public final class UnknownFieldException extends RuntimeException {

    private final String object;
    private final String field;

    public UnknownFieldException(String object, String field) {
        super("No such column '" + field + "' on sobject of type " + object);
        this.object = object;
        this.field = field;
    }

    public String object() {
        return object;
    }

    public String field() {
        return field;
    }
}
