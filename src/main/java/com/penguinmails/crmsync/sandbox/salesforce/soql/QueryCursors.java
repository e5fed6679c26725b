package com.penguinmails.crmsync.sandbox.salesforce.soql;

import com.penguinmails.crmsync.sandbox.salesforce.model.SalesforceIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Server-side query cursors behind {@code queryLocator}s ({@code 0r8...-offset}): the result rows as they were when
 * the query ran, released after 15 minutes without use, at most 10 open per user (opening an 11th releases the
 * oldest), as Salesforce documents. One instance serves the SOAP {@code queryLocator} and the REST
 * {@code nextRecordsUrl}, since both draw on the same per-user cursors.
 */
public final class QueryCursors {

    public static final int MAX_OPEN = 10;
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(15);

    /** One open cursor. */
    public record Cursor(String id, String object, List<Map<String, @Nullable Object>> rows) {
    }

    private final Clock clock;
    private final Map<String, Cursor> cursors = new LinkedHashMap<>();
    private final Map<String, Instant> lastUsed = new LinkedHashMap<>();
    private long counter;

    public QueryCursors(Clock clock) {
        this.clock = clock;
    }

    /** Opens a cursor and returns its locator for the first row after {@code offset}. */
    public synchronized String open(String object, List<Map<String, @Nullable Object>> rows, int offset) {
        expire();
        if (cursors.size() >= MAX_OPEN) {
            String oldest = cursors.keySet().iterator().next();
            cursors.remove(oldest);
            lastUsed.remove(oldest);
        }
        String id = SalesforceIds.build("0r8", "xx", ++counter);
        cursors.put(id, new Cursor(id, object, rows));
        lastUsed.put(id, clock.instant());
        return id + "-" + offset;
    }

    /** The cursor and offset a locator points at, or empty when it is unknown, released or out of range. */
    public synchronized Optional<Map.Entry<Cursor, Integer>> resolve(String locator) {
        expire();
        int dash = locator.lastIndexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        Cursor cursor = cursors.get(locator.substring(0, dash));
        int offset;
        try {
            offset = Integer.parseInt(locator.substring(dash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (cursor == null || offset < 0 || offset > cursor.rows().size()) {
            return Optional.empty();
        }
        lastUsed.put(cursor.id(), clock.instant());
        return Optional.of(Map.entry(cursor, offset));
    }

    /** Releases a cursor whose last rows were read. */
    public synchronized void release(String cursorId) {
        cursors.remove(cursorId);
        lastUsed.remove(cursorId);
    }

    public synchronized void clear() {
        cursors.clear();
        lastUsed.clear();
    }

    private void expire() {
        Instant cutoff = clock.instant().minus(IDLE_TIMEOUT);
        for (Iterator<Map.Entry<String, Instant>> it = lastUsed.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Instant> entry = it.next();
            if (entry.getValue().isBefore(cutoff)) {
                cursors.remove(entry.getKey());
                it.remove();
            }
        }
    }
}
