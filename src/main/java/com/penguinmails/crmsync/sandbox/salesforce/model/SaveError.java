package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.util.List;

/** A per-record write error as the partner {@code Error} type and REST error bodies carry it. */
public record SaveError(String statusCode, String message, List<String> fields) {

    public static SaveError of(String statusCode, String message, String... fields) {
        return new SaveError(statusCode, message, List.of(fields));
    }
}
