package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * Pipedrive v2's time formats: whole-second RFC 3339 UTC timestamps ({@code 2025-01-01T10:20:00Z}), dates
 * ({@code YYYY-MM-DD}) and times ({@code HH:MM}). Filters such as {@code updated_since} reject fractional seconds, as
 * the real API does.
 */
public final class Rfc3339 {

    private static final Pattern WHOLE_SECONDS =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}");
    private static final DateTimeFormatter V1 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Rfc3339() {
    }

    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** API v1's {@code "2025-01-01 10:20:00"}. */
    public static String formatV1(Instant instant) {
        return V1.format(instant);
    }

    /** Parses a filter timestamp; rejects anything but whole-second RFC 3339 with the parameter's name. */
    public static Instant parseFilter(String parameter, String value) {
        if (!WHOLE_SECONDS.matcher(value).matches()) {
            throw ApiError.validation(parameter, "'" + value + "' is not a valid datetime");
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.validation(parameter, "'" + value + "' is not a valid datetime");
        }
    }

    public static boolean isDate(String value) {
        if (!DATE.matcher(value).matches()) {
            return false;
        }
        try {
            LocalDate.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    public static boolean isTime(String value) {
        if (!TIME.matcher(value).matches()) {
            return false;
        }
        try {
            LocalTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
