package com.penguinmails.crmsync.connector.salesforce.internal;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.WriteResult;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Per-record refusals as {@link WriteResult}s, their messages cleared of personal data: Salesforce echoes values in
 * some messages ("invalid email address: ..."), so every value of the record and anything shaped like an e-mail
 * address is replaced by {@code <value>}.
 */
final class Refusals {

    private static final Pattern EMAIL = Pattern.compile("[^\\s:,;'\"<>()]+@[^\\s:,;'\"<>()]+");

    private Refusals() {
    }

    static WriteResult failed(int index, String code, @Nullable String message, String @Nullable [] fields,
                              Map<String, @Nullable Object> values) {
        return WriteResult.failed(index, code, redact(message == null ? code : message, values),
                fields == null ? List.of() : Arrays.asList(fields));
    }

    static WriteResult failed(int index, com.sforce.soap.partner.Error @Nullable [] errors, CrmRecord record) {
        return failed(index, errors, record.fields());
    }

    static WriteResult failed(int index, com.sforce.soap.partner.Error @Nullable [] errors,
                              Map<String, @Nullable Object> values) {
        if (errors == null || errors.length == 0) {
            return WriteResult.failed(index, "UNKNOWN_ERROR", "Salesforce refused the record without a reason",
                    List.of());
        }
        com.sforce.soap.partner.Error error = errors[0];
        return failed(index, String.valueOf(error.getStatusCode()), error.getMessage(), error.getFields(), values);
    }

    static String redact(String message, Map<String, @Nullable Object> values) {
        String redacted = message;
        for (Object value : values.values()) {
            if (value instanceof String text && text.length() >= 3) {
                redacted = redacted.replace(text, "<value>");
            }
        }
        return EMAIL.matcher(redacted).replaceAll("<value>");
    }
}
