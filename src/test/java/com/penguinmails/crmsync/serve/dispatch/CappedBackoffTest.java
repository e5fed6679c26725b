package com.penguinmails.crmsync.serve.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CappedBackoffTest {

    @Test
    void theDelayDoublesPerFailureUpToTheCap() {
        // given
        CappedBackoff<Void> backoff = new CappedBackoff<>(Duration.ofSeconds(5), Duration.ofMinutes(10));

        // when / then
        assertThat(backoff.delay(0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.delay(7)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.delay(1_000)).isEqualTo(Duration.ofMinutes(10));
    }
}
