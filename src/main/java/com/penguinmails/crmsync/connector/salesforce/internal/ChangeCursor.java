package com.penguinmails.crmsync.connector.salesforce.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.penguinmails.crmsync.core.Cursor;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where a Salesforce change feed has got to, saved as JSON text. Phases:
 * <ul>
 * <li>{@code FULL}: a first sync (or a resync, {@code note} says why): live records with {@code SystemModstamp} before
 *     {@code to} (and from {@code from}, when set: a backfill since a time getDeleted no longer covers), oldest
 *     first;</li>
 * <li>{@code DELTA}: caught up to {@code from}; the next call opens a window from there to Salesforce's
 *     {@code latestDateCovered};</li>
 * <li>{@code WINDOW}: reading the window [{@code from}, {@code to}): live records by {@code SystemModstamp} (while
 *     {@code live}) merged with getDeleted's deletions (while {@code deletions}), oldest first;</li>
 * <li>{@code BULK}: reading the results of Bulk API 2.0 query job {@code jobId} for the window's live records from
 *     {@code locator}; then the window's deletions, if any.</li>
 * </ul>
 * {@code live} and {@code deletions} turn false once the window's live records / deletions are all handed out, so
 * later pages skip their query / getDeleted.
 * {@code afterStamp}/{@code afterId} is the last live record handed out (in Salesforce's {@code ORDER BY SystemModstamp,
 * Id}) and {@code deletedAfter}/{@code deletedAfterId} the last deletion, so a restart resumes right after both. No SOAP query locator is kept: they expire after 15 idle minutes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChangeCursor(int v, Phase phase, @Nullable Instant from, @Nullable Instant to, @Nullable Instant afterStamp,
                    @Nullable String afterId, @Nullable Instant deletedAfter, @Nullable String deletedAfterId,
                    boolean live, boolean deletions, @Nullable String jobId, @Nullable String locator,
                    @Nullable String note) {

    /** The phases of a feed. */
    enum Phase { FULL, DELTA, WINDOW, BULK }

    static ChangeCursor full(Instant to, @Nullable String note) {
        return new ChangeCursor(1, Phase.FULL, null, to, null, null, null, null, true, false, null, null, note);
    }

    /** Live records with {@code from <= SystemModstamp < to}, without deletions (a since older than getDeleted reaches). */
    static ChangeCursor fullFrom(Instant from, Instant to, String note) {
        return new ChangeCursor(1, Phase.FULL, from, to, null, null, null, null, true, false, null, null, note);
    }

    static ChangeCursor delta(Instant from) {
        return new ChangeCursor(1, Phase.DELTA, from, null, null, null, null, null, false, false, null, null, null);
    }

    static ChangeCursor window(Instant from, Instant to) {
        return new ChangeCursor(1, Phase.WINDOW, from, to, null, null, null, null, true, true, null, null, null);
    }

    /**
     * Past the last live record ({@code stamp}, {@code id}, in Salesforce's order) and the last deletion
     * ({@code deletedStamp}, {@code deletedId}); {@code liveLeft} / {@code deletionsLeft} false once the window's
     * live records / deletions are all out, so later pages do not ask for them again.
     */
    ChangeCursor after(@Nullable Instant stamp, @Nullable String id, @Nullable Instant deletedStamp,
                       @Nullable String deletedId, boolean liveLeft, boolean deletionsLeft) {
        return new ChangeCursor(v, phase, from, to, stamp, id, deletedStamp, deletedId, live && liveLeft,
                deletions && deletionsLeft, null, null, note);
    }

    ChangeCursor bulk(String job, @Nullable String at) {
        return new ChangeCursor(v, Phase.BULK, from, to, null, null, null, null, true, deletions, job, at, note);
    }

    /** After a bulk read of the live records: the window's deletions remain, from the start. */
    ChangeCursor deletionsOnly() {
        return new ChangeCursor(v, Phase.WINDOW, from, to, null, null, null, null, false, true, null, null, note);
    }

    /** Back to the phase the bulk job read for (its job expired): from the window's start. */
    ChangeCursor restart() {
        return new ChangeCursor(v, from == null ? Phase.FULL : Phase.WINDOW, from, to, null, null, null, null, true,
                deletions, null, null, note);
    }

    Cursor toCursor() {
        return new Cursor(RestClient.JSON.writeValueAsString(this));
    }

    static ChangeCursor parse(Cursor cursor) {
        try {
            ChangeCursor parsed = RestClient.JSON.readValue(cursor.value(), ChangeCursor.class);
            if (parsed.phase() == null || parsed.v() != 1) {
                throw new IllegalArgumentException("not a Salesforce change cursor: unknown version or phase");
            }
            return parsed;
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("not a Salesforce change cursor: " + e.getMessage(), e);
        }
    }
}
