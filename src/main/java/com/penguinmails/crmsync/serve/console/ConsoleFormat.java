package com.penguinmails.crmsync.serve.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * How the console's templates write times, durations and shares for a person (as {@code ${fmt}}): instants in UTC to
 * the minute, durations as {@code 2h 5m}, nothing as a dash.
 */
public final class ConsoleFormat {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final String NONE = "—";

    /** {@code 2026-12-02 08:42 UTC}; a dash for none. */
    public String at(@Nullable Instant instant) {
        return instant == null ? NONE : AT.format(instant);
    }

    /** {@code 08:42} (UTC), for the rows of the 24-hour table. */
    public String time(@Nullable Instant instant) {
        return instant == null ? NONE : TIME.format(instant);
    }

    /** {@code 45s}, {@code 12m 5s}, {@code 3h 20m}, {@code 2d 4h}; a dash for none. */
    public String duration(@Nullable Duration duration) {
        if (duration == null) {
            return NONE;
        }
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
        }
        return seconds / 86_400 + "d " + seconds % 86_400 / 3600 + "h";
    }

    /** Seconds of lag as a duration ({@link #duration}); a dash for none. */
    public String seconds(@Nullable Double seconds) {
        return seconds == null ? NONE : duration(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    /** A share (0..1) as a percentage: {@code 25%}, {@code 12.5%}. */
    public String percent(double share) {
        double percent = share * 100;
        return (percent == Math.rint(percent) ? String.valueOf((long) percent)
                : String.format(java.util.Locale.ROOT, "%.1f", percent)) + "%";
    }
}
