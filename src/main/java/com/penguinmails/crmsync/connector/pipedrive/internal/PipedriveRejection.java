package com.penguinmails.crmsync.connector.pipedrive.internal;

import com.penguinmails.crmsync.connector.support.CrmApiException;

/**
 * Pipedrive refused one request for what it asked (HTTP 400, 403, 404, 409, 410, 422): a validation failure, a
 * record that is gone. Writers turn it into that record's failed result; retrying does not help.
 *
 * @param code Pipedrive's error code ({@code ERR_SCHEMA_VALIDATION_FAILED}), else {@code HTTP_<status>}
 */
public final class PipedriveRejection extends CrmApiException {

    private final int status;
    private final String code;
    private final String error;

    public PipedriveRejection(String operation, int status, String code, String error) {
        super(operation + " refused: HTTP " + status + " " + code + ": " + error);
        this.status = status;
        this.code = code;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Pipedrive's error text ({@code "Validation failed: name: ..."}). */
    public String error() {
        return error;
    }

    public boolean notFound() {
        return status == 404 || status == 410;
    }
}
