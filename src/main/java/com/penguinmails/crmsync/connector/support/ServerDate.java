package com.penguinmails.crmsync.connector.support;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * The CRM's clock as an HTTP response states it: its {@code Date} header (RFC 1123, whole seconds). Change feeds
 * measure their windows by it, never by our clock, so a CRM whose clock runs ahead of or behind ours misses nothing.
 */
public final class ServerDate {

    private ServerDate() {
    }

    /** The response's {@code Date}, or null when it has none or it does not parse. */
    public static @Nullable Instant of(HttpHeaders headers) {
        return headers.firstValue("date").map(ServerDate::parse).orElse(null);
    }

    private static @Nullable Instant parse(String text) {
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
