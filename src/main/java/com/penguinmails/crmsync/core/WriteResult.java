package com.penguinmails.crmsync.core;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of writing one record or activity, in the order of the input: the CRM id it now has and whether it was
 * created, or why the CRM refused it. Refusals are results, not exceptions: the job dead-letters them and goes on.
 * A record can also be written without some of its fields, when the CRM refused those fields (one it does not have,
 * or cannot write) but took the rest: {@code droppedFields} names them and {@code message} says why.
 *
 * @param index         position of the record in the list that was written
 * @param crmId         the CRM id, when written
 * @param error         the CRM's error code (e.g. {@code DUPLICATE_VALUE}, {@code INVALID_EMAIL}), null on success
 * @param fields        the fields the error is about, when the CRM says
 * @param droppedFields on success, the fields the CRM refused while it wrote the others (empty: all were written)
 */
public record WriteResult(int index, @Nullable String crmId, boolean created, @Nullable String error,
                          @Nullable String message, List<String> fields, List<String> droppedFields) {

    public WriteResult {
        fields = List.copyOf(fields);
        droppedFields = List.copyOf(droppedFields);
    }

    public WriteResult(int index, @Nullable String crmId, boolean created, @Nullable String error,
                       @Nullable String message, List<String> fields) {
        this(index, crmId, created, error, message, fields, List.of());
    }

    public static WriteResult written(int index, String crmId, boolean created) {
        return new WriteResult(index, crmId, created, null, null, List.of());
    }

    /** Written, but without {@code dropped}, which the CRM refused for the reason {@code message}. */
    public static WriteResult writtenWithout(int index, String crmId, boolean created, List<String> dropped,
                                             String message) {
        return new WriteResult(index, crmId, created, null, message, List.of(), dropped);
    }

    public static WriteResult failed(int index, String error, String message, List<String> fields) {
        return new WriteResult(index, null, false, error, message, fields);
    }

    public boolean success() {
        return error == null;
    }

    /** This result with {@code dropped} refused for {@code reason} as well: a success becomes a partial one. */
    public WriteResult without(List<String> dropped, String reason) {
        if (!success() || dropped.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(droppedFields);
        dropped.stream().filter(f -> !all.contains(f)).forEach(all::add);
        return new WriteResult(index, crmId, created, null, message == null ? reason : message + "; " + reason,
                List.of(), all);
    }
}
