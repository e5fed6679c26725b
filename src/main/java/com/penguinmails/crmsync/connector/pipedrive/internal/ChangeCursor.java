package com.penguinmails.crmsync.connector.pipedrive.internal;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a Pipedrive change feed has got to, saved as JSON text: the {@code updated_since} of the current sweep, the
 * Pipedrive cursor inside it, the update time of the last record handed out and the ids handed out with that time,
 * and whether that second was over when they were read. A new sweep starts from the last update time (inclusive,
 * as {@code updated_since} is whole seconds) and skips those ids only when their second was over; otherwise they
 * come again (at least once, never lost).
 */
public record ChangeCursor(@Nullable Instant since, @Nullable String pipedriveCursor, @Nullable Instant last,
                           Set<String> seenAtLast, boolean lastSettled) {

    /** Ids of one second kept at most; beyond that they are handed out again rather than remembered. */
    static final int MAX_SEEN = 1_000;

    public ChangeCursor {
        seenAtLast = Set.copyOf(seenAtLast);
    }

    public static ChangeCursor start() {
        return new ChangeCursor(null, null, null, Set.of(), false);
    }

    /** A sweep of the records updated at or after {@code since} (whole seconds, as {@code updated_since} takes). */
    public static ChangeCursor since(Instant since) {
        return new ChangeCursor(since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), null, null, Set.of(),
                false);
    }

    /** @throws IllegalArgumentException for text that is not a Pipedrive change cursor */
    public static ChangeCursor parse(String text, JsonMapper json) {
        if (text.isEmpty()) {
            return start();
        }
        try {
            JsonNode node = json.readTree(text);
            if (!node.path("v").asString("").equals("pd1")) {
                throw new IllegalArgumentException("not a Pipedrive change cursor");
            }
            Set<String> seen = new LinkedHashSet<>();
            node.path("seen").forEach(id -> seen.add(id.asString()));
            return new ChangeCursor(instant(node.path("since")), text(node.path("cursor")), instant(node.path("last")),
                    seen, node.path("settled").asBoolean(false));
        } catch (JacksonException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("not a Pipedrive change cursor: " + e.getMessage(), e);
        }
    }

    public String format(JsonMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("v", "pd1");
        node.put("since", since == null ? null : since.toString());
        node.put("cursor", pipedriveCursor);
        node.put("last", last == null ? null : last.toString());
        var seen = node.putArray("seen");
        seenAtLast.stream().sorted().forEach(seen::add);
        node.put("settled", lastSettled);
        return json.writeValueAsString(node);
    }

    /** Whether a record read now was handed out already (same id, same completed second). */
    public boolean alreadySeen(String id, Instant updated) {
        return lastSettled && updated.equals(last) && seenAtLast.contains(id);
    }

    /**
     * The state for a new sweep from the last update time: the ids of that second are collected again from what
     * the sweep reads (it reads all of that second's records again).
     */
    public ChangeCursor beginSweep() {
        return new ChangeCursor(last != null ? last : since, null, last, Set.of(), true);
    }

    /**
     * This cursor after reading record {@code id} updated at {@code updated}, when the server's clock said
     * {@code serverTime}: the second is settled only if it was over at every read of its records.
     */
    public ChangeCursor observed(String id, Instant updated, @Nullable Instant serverTime) {
        boolean over = serverTime != null && !serverTime.isBefore(updated.plusSeconds(1));
        if (last == null || updated.isAfter(last)) {
            return new ChangeCursor(since, pipedriveCursor, updated, Set.of(id), over);
        }
        if (updated.equals(last)) {
            if (seenAtLast.size() >= MAX_SEEN) {
                return new ChangeCursor(since, pipedriveCursor, last, seenAtLast, false);
            }
            Set<String> seen = new LinkedHashSet<>(seenAtLast);
            seen.add(id);
            return new ChangeCursor(since, pipedriveCursor, last, seen, lastSettled && over);
        }
        return this; // an older update time than one already read: handed out, nothing to remember
    }

    /** After a page: the next Pipedrive cursor, or, when the sweep is over, the next sweep's start. */
    public ChangeCursor afterPage(@Nullable String nextPipedriveCursor) {
        if (nextPipedriveCursor != null) {
            return new ChangeCursor(since, nextPipedriveCursor, last, seenAtLast, lastSettled);
        }
        return new ChangeCursor(last != null ? last : since, null, last, seenAtLast, lastSettled);
    }

    /** The same position without Pipedrive's cursor, for when Pipedrive no longer accepts it. */
    public ChangeCursor withoutPipedriveCursor() {
        return new ChangeCursor(since, null, last, seenAtLast, lastSettled);
    }

    private static @Nullable Instant instant(JsonNode node) {
        return node.isString() ? Instant.parse(node.asString()) : null;
    }

    private static @Nullable String text(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }
}
