package com.penguinmails.crmsync.sandbox.salesforce.soql;

/**
 * A query Salesforce would refuse: {@code MALFORMED_QUERY}, {@code INVALID_FIELD} or {@code INVALID_TYPE}, with the
 * 1-based row and column of the offending token as the partner API's query faults carry them.
 */
public final class SoqlException extends RuntimeException {

    private final String code;
    private final int row;
    private final int column;

    public SoqlException(String code, String message, int column) {
        super(message);
        this.code = code;
        this.row = 1;
        this.column = column;
    }

    public String code() {
        return code;
    }

    public int row() {
        return row;
    }

    public int column() {
        return column;
    }

    /** The fault type the partner API uses for this code. */
    public String faultType() {
        return switch (code) {
            case "INVALID_FIELD" -> "InvalidFieldFault";
            case "INVALID_TYPE" -> "InvalidSObjectFault";
            default -> "MalformedQueryFault";
        };
    }
}
