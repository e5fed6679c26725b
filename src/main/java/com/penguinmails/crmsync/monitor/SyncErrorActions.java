package com.penguinmails.crmsync.monitor;

import com.penguinmails.crmsync.core.Actor;
import java.util.Collection;
import java.util.List;

/**
 * What a person may do about a connection's open errors and warnings, from the API, the console or the CLI: retry
 * them (outbound contacts are queued for the next push; a CRM record coming in is read again only when it changes in
 * the CRM or by a backfill, and an e-mail's activity is retried by every run anyway: both are skipped with a note) or
 * ignore them
 * (an informed decision that they need no action). Each call is audited with its actor. Ids or a reason that are not
 * the connection's open errors are left alone and counted as skipped.
 */
public interface SyncErrorActions {

    /** Retries the connection's open errors {@code errorIds}. */
    Outcome retry(Actor actor, long connectionId, Collection<Long> errorIds);

    /** Retries every open error of the connection with {@code reason} (a group of {@link SyncHealth#errorGroups}). */
    Outcome retryReason(Actor actor, long connectionId, String reason);

    /** Ignores the connection's open errors or warnings {@code errorIds}. */
    Outcome ignore(Actor actor, long connectionId, Collection<Long> errorIds);

    /** Ignores every open error or warning of the connection with {@code reason}. */
    Outcome ignoreReason(Actor actor, long connectionId, String reason);

    /**
     * What a call did.
     *
     * @param done    errors retried or ignored
     * @param skipped ids or rows left alone (not open, or not the connection's)
     * @param notes   what a person should know (e.g. "inbound records are read again by the next run")
     * @param doneIds the ids of the errors retried or ignored
     */
    record Outcome(int done, int skipped, List<String> notes, List<Long> doneIds) {

        public Outcome {
            notes = List.copyOf(notes);
            doneIds = List.copyOf(doneIds);
        }
    }
}
