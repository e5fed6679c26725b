package com.penguinmails.crmsync.core;

import java.util.List;

/**
 * One page of a change feed: the items and the cursor to ask for the next page with. {@code hasMore} is false once
 * the feed has caught up; {@code next} is then the cursor to start the next run from.
 */
public record Page<T>(List<T> items, Cursor next, boolean hasMore) {

    public Page {
        items = List.copyOf(items);
    }
}
