package com.penguinmails.crmsync.core;

/**
 * Where a change feed has got to, opaque to everyone but the connector that made it (a timestamp window, a query
 * locator, a HubSpot {@code after}, a Pipedrive cursor ...). Saved in step execution contexts and watermarks as text.
 */
public record Cursor(String value) {

    /** The very beginning of a feed (a first sync, or a backfill). */
    public static final Cursor START = new Cursor("");

    public boolean isStart() {
        return value.isEmpty();
    }
}
