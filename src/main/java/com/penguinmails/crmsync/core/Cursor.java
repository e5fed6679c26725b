package com.penguinmails.crmsync.core;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a change feed has got to, opaque to everyone but the connector that made it (a timestamp window, a query
 * locator, a HubSpot {@code after}, a Pipedrive cursor ...). Saved in step execution contexts and watermarks as text.
 * Two cursors mean the same to every connector: {@link #START} and {@link #since(Instant)}.
 */
public record Cursor(String value) {

    /** The very beginning of a feed (a first sync, or a backfill). */
    public static final Cursor START = new Cursor("");

    private static final String SINCE = "since:";

    /**
     * A feed of the records modified at or after {@code instant} (a backfill {@code --since}): each connector turns
     * it into its own cursor on the first page (Salesforce a {@code SystemModstamp} window, HubSpot a search from that
     * {@code lastmodifieddate}, Pipedrive {@code updated_since}); later pages carry the connector's own cursors.
     */
    public static Cursor since(Instant instant) {
        return new Cursor(SINCE + instant);
    }

    public boolean isStart() {
        return value.isEmpty();
    }

    /**
     * The instant of a {@link #since(Instant)} cursor; empty for any other.
     *
     * @throws IllegalArgumentException for a {@code since:} cursor whose instant does not parse
     */
    public Optional<Instant> sinceInstant() {
        if (!value.startsWith(SINCE)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.substring(SINCE.length())));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a since cursor: " + value, e);
        }
    }
}
