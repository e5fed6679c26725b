package com.penguinmails.crmsync.core;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How often the scheduled runs sync a connection (its {@value #SETTING} setting): every 15 minutes, hourly (the
 * default), every 4 hours or daily. The CronJobs fire at the shortest interval; a connection whose last successful
 * sync is more recent than its interval is not yet due and is left out of that run.
 */
public enum SyncFrequency {
    EVERY_15_MINUTES("15m", Duration.ofMinutes(15)),
    HOURLY("1h", Duration.ofHours(1)),
    EVERY_4_HOURS("4h", Duration.ofHours(4)),
    DAILY("1d", Duration.ofDays(1));

    /** The connection setting that holds it. */
    public static final String SETTING = "syncFrequency";

    private final String value;
    private final Duration interval;

    SyncFrequency(String value, Duration interval) {
        this.value = value;
        this.interval = interval;
    }

    /** As stored and given: {@code 15m}, {@code 1h}, {@code 4h}, {@code 1d}. */
    public String value() {
        return value;
    }

    public Duration interval() {
        return interval;
    }

    /**
     * Reads a frequency as given by a person.
     *
     * @throws InvalidRequestException naming the values allowed
     */
    public static SyncFrequency parse(String text) {
        return Arrays.stream(values()).filter(f -> f.value.equalsIgnoreCase(text.strip())).findFirst()
                .orElseThrow(() -> new InvalidRequestException(SETTING + ": '" + text + "' is not one of "
                        + Arrays.stream(values()).map(SyncFrequency::value).collect(Collectors.joining(", "))));
    }

    /** A connection's frequency: its setting, else hourly. */
    public static SyncFrequency of(Map<String, String> settings) {
        String set = settings.get(SETTING);
        return set == null || set.isBlank() ? HOURLY : parse(set);
    }
}
