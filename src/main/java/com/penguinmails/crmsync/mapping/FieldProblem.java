package com.penguinmails.crmsync.mapping;

/** Why one field of one record could not be mapped; goes to {@code crm_sync.sync_errors} with the record's key. */
public record FieldProblem(String field, String reason) {

    @Override
    public String toString() {
        return field + " " + reason;
    }
}
