package com.penguinmails.crmsync.core;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of writing one record or activity, in the order of the input: the CRM id it now has and whether it was
 * created, or why the CRM refused it. Refusals are results, not exceptions: the job dead-letters them and goes on.
 *
 * @param index   position of the record in the list that was written
 * @param crmId   the CRM id, when written
 * @param error   the CRM's error code (e.g. {@code DUPLICATE_VALUE}, {@code INVALID_EMAIL}), null on success
 * @param fields  the fields the error is about, when the CRM says
 */
public record WriteResult(int index, @Nullable String crmId, boolean created, @Nullable String error,
                          @Nullable String message, List<String> fields) {

    public WriteResult {
        fields = List.copyOf(fields);
    }

    public static WriteResult written(int index, String crmId, boolean created) {
        return new WriteResult(index, crmId, created, null, null, List.of());
    }

    public static WriteResult failed(int index, String error, String message, List<String> fields) {
        return new WriteResult(index, null, false, error, message, fields);
    }

    public boolean success() {
        return error == null;
    }
}
