package com.penguinmails.crmsync.monitor;

import com.penguinmails.crmsync.core.SyncFrequency;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The read model of sync health (see the package documentation). Callers scope it: {@code tenants} empty means every
 * tenant (an operator), else only those tenants' connections and audit rows are returned.
 */
public interface SyncHealth {

    /** Every connection of {@code tenants} (all when empty), disconnected ones included, by tenant then id. */
    List<ConnectionHealth> connections(List<String> tenants);

    /** One connection's health, when it exists. */
    Optional<ConnectionHealth> connection(long connectionId);

    /** The connection's open errors and warnings grouped by reason, largest group first, each with a few examples. */
    List<ErrorGroup> errorGroups(long connectionId);

    /** A page of the activity (audit) log, newest first. */
    AuditPage audit(AuditQuery query);

    /**
     * The connection's activity over the {@code window} before now in buckets of {@code bucket}, oldest first, every
     * bucket present (zeros when nothing happened): records synced in and out, errors, and the sync lag.
     */
    List<ActivityPoint> activity(long connectionId, Duration window, Duration bucket);

    /** A connection's health at a glance. */
    enum Health {
        /** Syncing; its last run succeeded and nothing is failing. */
        HEALTHY,
        /** Syncing, with open errors or warnings, or a late sync. */
        WARNING,
        /** Its last run failed, or its credentials were refused. */
        FAILING,
        /** Paused by a person, or by its API allocation until the quota resets. */
        PAUSED,
        /** Disconnected: no credentials, history kept. */
        DISCONNECTED
    }

    /**
     * One connection's sync health.
     *
     * @param state             {@code crm_sync.connections.status} ({@code active}, {@code disabled},
     *                          {@code auth_failed}, {@code disconnected})
     * @param lastSuccessfulSync when its last run that succeeded for it ended (any job)
     * @param lastRun           its last run, any outcome
     * @param nextSync          when the schedule syncs it next (last successful sync + frequency; now when overdue);
     *                          null when paused or disconnected
     * @param recordsIn         records written into PenguinMails over the last 24 hours
     * @param recordsOut        records written to the CRM over the last 24 hours (contacts, activities, scores)
     * @param lag               how far behind it is: now minus the oldest change not yet synced (zero when none)
     */
    record ConnectionHealth(long id, String tenantId, String crm, @Nullable String accountRef, String state,
                            @Nullable String stateReason, Health health, SyncFrequency frequency,
                            @Nullable Instant lastSuccessfulSync, @Nullable LastRun lastRun,
                            @Nullable Instant nextSync, long recordsIn, long recordsOut, @Nullable Duration lag,
                            long openErrors, long openWarnings, ApiUsage apiUsage, OAuthHealth oauth) {
    }

    /** A connection's last run: the job, its batch status (COMPLETED, FAILED, ...) and when it ended or started. */
    record LastRun(String jobName, long jobExecutionId, String status, Instant at) {
    }

    /**
     * API usage today (UTC) against the connection's allocation.
     *
     * @param allocation   the share of the CRM's daily quota the connection may spend ({@code dailyShare})
     * @param pausedUntil  when the connection reached its allocation: until when it is paused
     */
    record ApiUsage(long callsToday, @Nullable Long dailyLimit, double allocation, @Nullable Long remaining,
                    @Nullable Instant pausedUntil) {
    }

    /**
     * How the connection authenticates and whether that still works.
     *
     * @param kind                 {@code oauth2}, {@code api_token}, or {@code none} (disconnected)
     * @param accessTokenExpiresAt when the current access token expires (OAuth)
     * @param lastRefreshAt        when its credentials were last stored (a refresh or a new grant)
     * @param needsReauthorization whether a person must authorise again (the CRM refused the credentials)
     */
    record OAuthHealth(String kind, @Nullable Instant accessTokenExpiresAt, @Nullable Instant lastRefreshAt,
                       boolean needsReauthorization) {
    }

    /**
     * Open errors or warnings of one reason.
     *
     * @param reason   the reason's category (e.g. {@code invalid_email}, {@code field_too_long}, {@code crm_refused})
     * @param kind     {@code error} (the record did not sync) or {@code warning} (a value was dropped or cleaned)
     * @param examples a few of them, most recently seen first
     */
    record ErrorGroup(String reason, String kind, long count, Instant firstSeen, Instant lastSeen,
                      List<ErrorExample> examples) {
    }

    /** One open error or warning (no payload: it may hold personal data). */
    record ErrorExample(long id, String jobName, String recordKey, @Nullable String field, String message,
                        int attempts, Instant lastSeen) {
    }

    /**
     * Which audit rows to read.
     *
     * @param tenants      the tenants (empty: all)
     * @param connectionId only this connection's rows
     * @param action       only rows whose action starts with this (e.g. {@code connection.})
     * @param actor        only rows of this actor ({@code user:...}, {@code cli:...}); {@code people} for every
     *                     change made by a person
     * @param page         0-based page number
     * @param size         rows per page (1..200)
     */
    record AuditQuery(List<String> tenants, @Nullable Long connectionId, @Nullable String action,
                      @Nullable String actor, @Nullable Instant from, @Nullable Instant to, int page, int size) {
    }

    /** One audit row. {@code actor} is null for a run's rows, whose job and execution say who. */
    record AuditEntry(long id, Instant at, String tenantId, @Nullable Long connectionId, @Nullable String actor,
                      String jobName, @Nullable Long jobExecutionId, String action, @Nullable String objectType,
                      int recordCount, Map<String, Object> details) {
    }

    /** A page of audit rows and how many match in all. */
    record AuditPage(List<AuditEntry> entries, int page, int size, long total) {
    }

    /** One bucket of a connection's activity; {@code lagSeconds} null when nothing was measured in it. */
    record ActivityPoint(Instant start, long recordsIn, long recordsOut, long errors, @Nullable Double lagSeconds) {
    }
}
