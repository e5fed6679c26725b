package com.penguinmails.crmsync.sandbox.salesforce.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Date-times as the REST API writes them ({@code 2026-11-02T10:15:00.000+0000}) and reads them (ISO 8601). */
public final class RestDates {

    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter IN = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd'T'HH:mm:ss[.SSS][.SS][.S][XXX][XX][X]");

    private RestDates() {
    }

    public static String format(Instant instant) {
        return OUT.format(instant);
    }

    /** Parses a query parameter; a '+' that URL decoding turned into a space is put back. */
    public static Optional<Instant> parse(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text.trim().replace(' ', '+'), IN).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
