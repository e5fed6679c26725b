package com.penguinmails.crmsync.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.SyncFrequency;
import com.penguinmails.crmsync.monitor.SyncHealth.Health;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The order of the health rules and when the next sync is due. */
class HealthRuleTest {

    private static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");

    private static HealthRule.Facts facts(String state, @Nullable Instant quota, @Nullable String run, long errors,
                                          @Nullable Instant lastOk) {
        return new HealthRule.Facts(state, quota, run, errors, 0, lastOk, NOW.minus(Duration.ofDays(3)),
                SyncFrequency.HOURLY);
    }

    @Test
    void theFirstRuleThatAppliesDecides() {
        Instant recent = NOW.minus(Duration.ofMinutes(10));
        assertThat(HealthRule.health(facts("disconnected", null, "FAILED", 3, recent), NOW))
                .isEqualTo(Health.DISCONNECTED);
        assertThat(HealthRule.health(facts("auth_failed", null, null, 0, recent), NOW)).isEqualTo(Health.FAILING);
        assertThat(HealthRule.health(facts("disabled", null, "FAILED", 0, recent), NOW)).isEqualTo(Health.PAUSED);
        assertThat(HealthRule.health(facts("active", NOW.plusSeconds(60), "FAILED", 0, recent), NOW))
                .isEqualTo(Health.PAUSED);
        assertThat(HealthRule.health(facts("active", NOW.minusSeconds(60), "FAILED", 0, recent), NOW))
                .isEqualTo(Health.FAILING);
        assertThat(HealthRule.health(facts("active", null, "COMPLETED", 2, recent), NOW)).isEqualTo(Health.WARNING);
        assertThat(HealthRule.health(facts("active", null, "COMPLETED", 0, NOW.minus(Duration.ofHours(3))), NOW))
                .as("late by more than one interval past due").isEqualTo(Health.WARNING);
        assertThat(HealthRule.health(facts("active", null, "COMPLETED", 0, recent), NOW)).isEqualTo(Health.HEALTHY);
    }

    @Test
    void theNextSyncIsTheLastSuccessfulOnePlusTheFrequencyOrNow() {
        Instant lastOk = NOW.minus(Duration.ofMinutes(10));
        assertThat(HealthRule.nextSync(facts("active", null, null, 0, lastOk), NOW))
                .isEqualTo(lastOk.plus(Duration.ofHours(1)));
        assertThat(HealthRule.nextSync(facts("active", null, null, 0, NOW.minus(Duration.ofHours(2))), NOW))
                .isEqualTo(NOW);
        assertThat(HealthRule.nextSync(facts("active", null, null, 0, null), NOW)).isEqualTo(NOW);
        assertThat(HealthRule.nextSync(facts("disabled", null, null, 0, lastOk), NOW)).isNull();
        assertThat(HealthRule.nextSync(facts("active", NOW.plusSeconds(5), null, 0, lastOk), NOW)).isNull();
    }
}
