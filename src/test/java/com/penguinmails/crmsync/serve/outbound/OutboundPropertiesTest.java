package com.penguinmails.crmsync.serve.outbound;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings that would stall or spin the listener are refused at start-up, naming the property. */
class OutboundPropertiesTest {

    @Test
    void aZeroPollTimeoutWhichWouldBlockTheListenerForeverIsRefused() {
        assertThatThrownBy(() -> new OutboundProperties(true, Duration.ofSeconds(30), 200, 4, Duration.ofSeconds(2),
                Duration.ofMinutes(5), Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poll-timeout");
    }

    @Test
    void aMicroBatchOfNothingIsRefused() {
        assertThatThrownBy(() -> new OutboundProperties(true, Duration.ofSeconds(30), 0, 4, Duration.ofSeconds(2),
                Duration.ofMinutes(5), Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("micro-batch-size");
    }
}
