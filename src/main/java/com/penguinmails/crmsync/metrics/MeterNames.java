package com.penguinmails.crmsync.metrics;

import java.util.List;

/**
 * The names of the suite's meters, as Micrometer names them and as Prometheus exports them (dots become underscores,
 * counters end in {@code _total}, timers in {@code _seconds_count}/{@code _sum}/{@code _max}); the alerts in
 * {@code k8s-cronjobs/observability} may use only these.
 */
public final class MeterNames {

    /** Records a connection's step synced, by {@code direction} (in, out) and {@code outcome} (written, skipped, failed). */
    public static final String RECORDS = "crmsync.records";
    /** A connection's partition runs, by {@code job} and {@code outcome} (success, failure). */
    public static final String RUNS = "crmsync.sync.runs";
    /** Problems written to the errors table, by {@code kind} (error, warning) and {@code reason}. */
    public static final String ERRORS = "crmsync.sync.errors";
    /** A connection's step duration, by {@code job} and {@code step}. */
    public static final String STEP_DURATION = "crmsync.step.duration";
    /** A job execution's duration, by {@code job} and {@code status}. */
    public static final String JOB_DURATION = "crmsync.job.duration";
    /** The API calls a connection's steps made. */
    public static final String API_CALLS = "crmsync.api.calls";
    /** The 429s (rate-limit answers) a connection's calls met. */
    public static final String API_RATE_LIMITED = "crmsync.api.rate.limited";
    /** The calls the CRM last said the connection may still make in its quota window. */
    public static final String API_QUOTA_REMAINING = "crmsync.api.quota.remaining";
    /** The connection's quota (calls per window) as the CRM last reported it. */
    public static final String API_QUOTA_LIMIT = "crmsync.api.quota.limit";
    /** OAuth access-token refreshes, by {@code crm} and {@code outcome} (refreshed, revoked, failed). */
    public static final String OAUTH_REFRESHES = "crmsync.oauth.refreshes";
    /** Engagement event (occurred) to CRM activity written, by {@code tenant}, {@code crm}, {@code connection}. */
    public static final String EVENT_LATENCY = "crmsync.event.latency";
    /** serve: a CRM's change notice (webhook, change event) received to applied, per connection. */
    public static final String NOTICE_LATENCY = "crmsync.notice.latency";
    /** serve: 1 per connection in its current {@code status} (active, disabled, auth_failed). */
    public static final String CONNECTION_STATUS = "crmsync.connection.status";
    /** serve: seconds since a connection's last committed sync position (watermark). */
    public static final String CONNECTION_LAG = "crmsync.connection.lag";

    /** serve: how many of a connection's last 3 partition runs failed (3: failing repeatedly). */
    public static final String CONNECTION_FAILED_RUNS = "crmsync.connection.failed.runs";

    /** Every series name Prometheus gets from these meters (what an alert or a panel may query). */
    public static final List<String> PROMETHEUS_SERIES = List.of(
            "crmsync_records_total", "crmsync_sync_runs_total", "crmsync_sync_errors_total",
            "crmsync_step_duration_seconds_count", "crmsync_step_duration_seconds_sum",
            "crmsync_step_duration_seconds_max", "crmsync_job_duration_seconds_count",
            "crmsync_job_duration_seconds_sum", "crmsync_job_duration_seconds_max", "crmsync_api_calls_total",
            "crmsync_api_rate_limited_total",
            "crmsync_api_quota_remaining", "crmsync_api_quota_limit", "crmsync_oauth_refreshes_total",
            "crmsync_event_latency_seconds_count", "crmsync_event_latency_seconds_sum",
            "crmsync_event_latency_seconds_max", "crmsync_notice_latency_seconds_count",
            "crmsync_notice_latency_seconds_sum", "crmsync_notice_latency_seconds_max", "crmsync_connection_status", "crmsync_connection_lag_seconds",
            "crmsync_connection_failed_runs");

    private MeterNames() {
    }
}
