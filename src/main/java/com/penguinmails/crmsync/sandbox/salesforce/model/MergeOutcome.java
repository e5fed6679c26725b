package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The result of a merge: the partner {@code MergeResult}. */
public record MergeOutcome(@Nullable String id, boolean success, List<String> mergedRecordIds,
                           List<String> updatedRelatedIds, List<SaveError> errors) {

    static MergeOutcome failed(SaveError error) {
        return new MergeOutcome(null, false, List.of(), List.of(), List.of(error));
    }
}
