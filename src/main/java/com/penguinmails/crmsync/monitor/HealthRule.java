package com.penguinmails.crmsync.monitor;

import com.penguinmails.crmsync.core.SyncFrequency;
import com.penguinmails.crmsync.monitor.SyncHealth.Health;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How a connection's facts become its {@link Health} and its next sync, first rule that applies: disconnected;
 * credentials refused ({@code auth_failed}) is FAILING; paused by a person ({@code disabled}) or by its API
 * allocation ({@code quota_paused_until} ahead) is PAUSED; its last run failed for it is FAILING; open errors or
 * warnings, or a sync late by more than one interval past due, is WARNING; else HEALTHY.
 */
final class HealthRule {

    private HealthRule() {
    }

    /** The facts of one connection the rules read. */
    record Facts(String state, @Nullable Instant quotaPausedUntil, @Nullable String lastRunStatus, long openErrors,
                 long openWarnings, @Nullable Instant lastSuccessfulSync, Instant createdAt,
                 SyncFrequency frequency) {

        boolean quotaPaused(Instant now) {
            return quotaPausedUntil != null && quotaPausedUntil.isAfter(now);
        }
    }

    static Health health(Facts f, Instant now) {
        if (f.state().equals("disconnected")) {
            return Health.DISCONNECTED;
        }
        if (f.state().equals("auth_failed")) {
            return Health.FAILING;
        }
        if (f.state().equals("disabled") || f.quotaPaused(now)) {
            return Health.PAUSED;
        }
        if ("FAILED".equals(f.lastRunStatus())) {
            return Health.FAILING;
        }
        Instant since = f.lastSuccessfulSync() != null ? f.lastSuccessfulSync() : f.createdAt();
        boolean late = since.plus(f.frequency().interval().multipliedBy(2)).isBefore(now);
        return f.openErrors() + f.openWarnings() > 0 || late ? Health.WARNING : Health.HEALTHY;
    }

    /**
     * When the schedule syncs it next: its last successful sync plus its frequency, now when that is past or it never
     * synced; null when it does not sync (paused, credentials refused, disconnected).
     */
    static @Nullable Instant nextSync(Facts f, Instant now) {
        if (!f.state().equals("active") || f.quotaPaused(now)) {
            return null;
        }
        if (f.lastSuccessfulSync() == null) {
            return now;
        }
        Instant due = f.lastSuccessfulSync().plus(f.frequency().interval());
        return due.isBefore(now) ? now : due;
    }
}
