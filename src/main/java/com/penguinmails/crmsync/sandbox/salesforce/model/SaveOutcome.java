package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The result of writing one record: SaveResult / UpsertResult / DeleteResult, and a Bulk 2.0 result row. */
public record SaveOutcome(@Nullable String id, boolean success, boolean created, List<SaveError> errors) {

    public static SaveOutcome ok(String id, boolean created) {
        return new SaveOutcome(id, true, created, List.of());
    }

    public static SaveOutcome failed(@Nullable String id, SaveError error) {
        return new SaveOutcome(id, false, false, List.of(error));
    }
}
