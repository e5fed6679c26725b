package com.penguinmails.crmsync.sandbox.salesforce.rest;

import com.penguinmails.crmsync.sandbox.salesforce.model.SaveError;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** REST error bodies as Salesforce sends them: a JSON array of {@code {message, errorCode, fields}}. */
public final class RestErrors {

    private RestErrors() {
    }

    public static SandboxResponse error(int status, String errorCode, String message) {
        return error(status, errorCode, message, List.of());
    }

    public static SandboxResponse error(int status, String errorCode, String message, List<String> fields) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("errorCode", errorCode);
        if (!fields.isEmpty()) {
            error.put("fields", fields);
        }
        return SandboxResponse.json(status, List.of(error));
    }

    /** DML errors ({@code REQUIRED_FIELD_MISSING}, {@code DUPLICATE_VALUE}...): {@code fields} always present. */
    public static SandboxResponse saveErrors(int status, List<SaveError> errors) {
        List<Map<String, Object>> body = new ArrayList<>();
        for (SaveError saveError : errors) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", saveError.message());
            error.put("errorCode", saveError.statusCode());
            error.put("fields", saveError.fields());
            body.add(error);
        }
        return SandboxResponse.json(status, body);
    }
}
