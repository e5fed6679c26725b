package com.penguinmails.crmsync.job.contactpush;

import com.penguinmails.crmsync.core.SyncError;
import java.util.List;

/** The keys and counts of a chunk's problems by kind (errors, warnings), for dry-run samples and audit details. */
public final class ProblemTally {

    private ProblemTally() {
    }

    /** The keys of the records with problems of this kind, once each (dry-run samples). */
    public static List<String> keys(List<SyncError> problems, SyncError.Kind kind) {
        return problems.stream().filter(p -> p.kind() == kind).map(SyncError::recordKey).distinct().toList();
    }

    /** How many of the problems are of this kind (audit details). */
    public static long count(List<SyncError> problems, SyncError.Kind kind) {
        return problems.stream().filter(p -> p.kind() == kind).count();
    }
}
