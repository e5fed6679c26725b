package com.penguinmails.crmsync.sandbox.hubspot;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** HubSpot's timestamp format: ISO-8601 UTC with exactly three fractional digits ({@code 2024-05-01T10:00:00.000Z}). */
final class Instants {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Instants() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
