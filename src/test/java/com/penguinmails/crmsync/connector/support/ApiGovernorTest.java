package com.penguinmails.crmsync.connector.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ApiGovernorTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static ApiGovernor governor() {
        return new ApiGovernor("connection 1 (pipedrive, tenant acme)",
                new RateLimitSpec(1000, Duration.ofSeconds(1), 1000, 1.0), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aLimitOnTheConnectionsSharedWindowPausesEveryCallForTheWaitTheCrmAskedFor() {
        // given
        ApiGovernor governor = governor();

        // when: a 429 saying the token's window is spent, come back in 2 s
        governor.rateLimited(new CrmApiException.RateLimited("429", Duration.ofSeconds(2),
                CrmApiException.RateLimited.Scope.CONNECTION));

        // then: the connection is paused exactly that long
        assertThat(governor.pausedUntil()).isEqualTo(NOW.plusSeconds(2));
    }

    @Test
    void aLimitOnOneCallPausesOnlyThatCallNotTheConnection() {
        // given
        ApiGovernor governor = governor();
        long start = System.nanoTime();

        // when: a search limit or a 429 that leaves requests in the window, 30 ms
        governor.rateLimited(new CrmApiException.RateLimited("429 SECONDLY", Duration.ofMillis(30)));

        // then: the calling thread waited; other calls of the connection are not paused
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(30));
        assertThat(governor.pausedUntil()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void aSuccessThatSpentTheWindowsLastRequestPausesTheConnectionUntilTheWindowFreesUp() {
        // given
        ApiGovernor governor = governor();

        // when: requests are left
        governor.observeWindow(3, Duration.ofSeconds(2));

        // then: nothing pauses
        assertThat(governor.pausedUntil()).isEqualTo(Instant.EPOCH);

        // when: the last one was used
        governor.observeWindow(0, Duration.ofMillis(1500));

        // then: the connection waits until the reset the CRM announced, instead of meeting a 429
        assertThat(governor.pausedUntil()).isEqualTo(NOW.plusMillis(1500));
    }

    @Test
    void aShorterPauseNeverCutsALongerOneShort() {
        ApiGovernor governor = governor();
        governor.pauseFor(Duration.ofSeconds(5));
        governor.rateLimited(new CrmApiException.RateLimited("429", Duration.ofSeconds(1),
                CrmApiException.RateLimited.Scope.CONNECTION));
        assertThat(governor.pausedUntil()).isEqualTo(NOW.plusSeconds(5));
    }
}
