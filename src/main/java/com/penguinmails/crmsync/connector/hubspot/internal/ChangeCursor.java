package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.core.Cursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a HubSpot change feed has got to, saved as JSON text in a {@link Cursor}. A run reads updates first
 * ({@link Phase#UPDATES}), then the archived list ({@link Phase#DELETIONS}).
 *
 * @param from           updates: the last modification time emitted (records modified at or after it come next)
 * @param seen           updates: ids already emitted whose modification time is exactly {@code from}
 * @param horizon        updates: this run reads records modified before it (now minus the search index lag); null
 *                       before a run starts, or when no lag is configured
 * @param deletedSince   deletions: records archived at or after it are news
 * @param deletedSeen    deletions: ids archived at or after {@code deletedSince} already emitted
 * @param archivedAfter  deletions: the archived list's {@code after} token within this run's listing
 * @param listingStart   deletions: when this run's listing began (minus the lag): the next run's {@code deletedSince}
 * @param listingSeen    deletions: ids emitted in this listing archived at or after {@code listingStart}
 * @param runNow         HubSpot's time when this run began (its clock, not ours); null before a run starts
 */
record ChangeCursor(Phase phase, Instant from, List<String> seen, @Nullable Instant horizon, Instant deletedSince,
                    List<String> deletedSeen, @Nullable String archivedAfter, @Nullable Instant listingStart,
                    List<String> listingSeen, @Nullable Instant runNow) {

    /** Which part of a run comes next. */
    enum Phase { UPDATES, DELETIONS }

    private static final int VERSION = 1;

    ChangeCursor {
        seen = List.copyOf(seen);
        deletedSeen = List.copyOf(deletedSeen);
        listingSeen = List.copyOf(listingSeen);
    }

    static ChangeCursor start() {
        return new ChangeCursor(Phase.UPDATES, Instant.EPOCH, List.of(), null, Instant.EPOCH, List.of(), null, null,
                List.of(), null);
    }

    /** Records modified, and archived, at or after {@code since}. */
    static ChangeCursor since(Instant since) {
        return new ChangeCursor(Phase.UPDATES, since, List.of(), null, since, List.of(), null, null, List.of(), null);
    }

    /**
     * @throws IllegalArgumentException when {@code cursor} was not made by this connector
     */
    static ChangeCursor parse(Cursor cursor) {
        if (cursor.isStart()) {
            return start();
        }
        if (cursor.sinceInstant().isPresent()) {
            return since(cursor.sinceInstant().get());
        }
        try {
            JsonNode json = HubSpotHttp.JSON.readTree(cursor.value());
            if (json.path("v").asInt(0) != VERSION) {
                throw new IllegalArgumentException("not a HubSpot change cursor (version " + json.path("v") + ")");
            }
            return new ChangeCursor(Phase.valueOf(json.path("phase").asString()), millis(json, "from"),
                    strings(json, "seen"), optionalMillis(json, "horizon"), millis(json, "deletedSince"),
                    strings(json, "deletedSeen"), json.path("archivedAfter").asString(null),
                    optionalMillis(json, "listingStart"), strings(json, "listingSeen"), optionalMillis(json, "runNow"));
        } catch (JacksonException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a HubSpot change cursor: " + e.getMessage(), e);
        }
    }

    Cursor toCursor() {
        ObjectNode json = HubSpotApi.object();
        json.put("v", VERSION);
        json.put("phase", phase.name());
        json.put("from", from.toEpochMilli());
        seen.forEach(json.putArray("seen")::add);
        if (horizon != null) {
            json.put("horizon", horizon.toEpochMilli());
        }
        json.put("deletedSince", deletedSince.toEpochMilli());
        deletedSeen.forEach(json.putArray("deletedSeen")::add);
        if (archivedAfter != null) {
            json.put("archivedAfter", archivedAfter);
        }
        if (listingStart != null) {
            json.put("listingStart", listingStart.toEpochMilli());
        }
        listingSeen.forEach(json.putArray("listingSeen")::add);
        if (runNow != null) {
            json.put("runNow", runNow.toEpochMilli());
        }
        return new Cursor(HubSpotHttp.JSON.writeValueAsString(json));
    }

    ChangeCursor withUpdates(Instant newFrom, List<String> newSeen, @Nullable Instant newHorizon) {
        return new ChangeCursor(Phase.UPDATES, newFrom, newSeen, newHorizon, deletedSince, deletedSeen, null, null,
                List.of(), runNow);
    }

    /** This run began when HubSpot's clock said {@code now}. */
    ChangeCursor withRunNow(Instant now) {
        return new ChangeCursor(phase, from, seen, horizon, deletedSince, deletedSeen, archivedAfter, listingStart,
                listingSeen, now);
    }

    ChangeCursor startDeletions(Instant start) {
        return new ChangeCursor(Phase.DELETIONS, from, seen, null, deletedSince, deletedSeen, null, start, List.of(),
                runNow);
    }

    ChangeCursor withListing(@Nullable String after, List<String> newListingSeen) {
        return new ChangeCursor(Phase.DELETIONS, from, seen, null, deletedSince, deletedSeen, after, listingStart,
                newListingSeen, runNow);
    }

    /** The run is over: the next one reads updates from where this one stopped, deletions from this listing's start. */
    ChangeCursor finishRun() {
        Instant since = listingStart == null ? deletedSince : listingStart;
        return new ChangeCursor(Phase.UPDATES, from, seen, null, since, listingSeen, null, null, List.of(), null);
    }

    private static Instant millis(JsonNode json, String field) {
        if (!json.path(field).canConvertToLong()) {
            throw new IllegalArgumentException("field " + field + " is missing");
        }
        return Instant.ofEpochMilli(json.path(field).asLong());
    }

    private static @Nullable Instant optionalMillis(JsonNode json, String field) {
        return json.path(field).canConvertToLong() ? Instant.ofEpochMilli(json.path(field).asLong()) : null;
    }

    private static List<String> strings(JsonNode json, String field) {
        List<String> values = new ArrayList<>();
        json.path(field).values().forEach(v -> values.add(v.asString()));
        return values;
    }
}
