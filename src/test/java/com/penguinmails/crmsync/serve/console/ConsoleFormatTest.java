package com.penguinmails.crmsync.serve.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The console writes times in UTC to the minute, durations in their two largest units, shares as percentages. */
class ConsoleFormatTest {

    private final ConsoleFormat format = new ConsoleFormat();

    @Test
    void instantsAreUtcToTheMinuteAndNothingIsADash() {
        assertThat(format.at(Instant.parse("2026-12-02T08:42:37Z"))).isEqualTo("2026-12-02 08:42 UTC");
        assertThat(format.time(Instant.parse("2026-12-02T08:00:00Z"))).isEqualTo("08:00");
        assertThat(format.at(null)).isEqualTo("—");
    }

    @Test
    void durationsKeepTheirTwoLargestUnits() {
        assertThat(format.duration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(format.duration(Duration.ofSeconds(725))).isEqualTo("12m 5s");
        assertThat(format.duration(Duration.ofMinutes(200))).isEqualTo("3h 20m");
        assertThat(format.duration(Duration.ofHours(52))).isEqualTo("2d 4h");
        assertThat(format.seconds(90.4)).isEqualTo("1m 30s");
        assertThat(format.seconds(null)).isEqualTo("—");
    }

    @Test
    void sharesArePercentages() {
        assertThat(format.percent(0.25)).isEqualTo("25%");
        assertThat(format.percent(0.125)).isEqualTo("12.5%");
        assertThat(format.percent(1.0)).isEqualTo("100%");
    }
}
