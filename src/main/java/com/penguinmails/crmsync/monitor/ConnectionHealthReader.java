package com.penguinmails.crmsync.monitor;

import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.core.SyncFrequency;
import com.penguinmails.crmsync.monitor.SyncHealth.ApiUsage;
import com.penguinmails.crmsync.monitor.SyncHealth.ConnectionHealth;
import com.penguinmails.crmsync.monitor.SyncHealth.LastRun;
import com.penguinmails.crmsync.monitor.SyncHealth.OAuthHealth;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads connections' health in one statement over {@code crm_sync.connections}, {@code credentials} (kind, expiry and
 * last change, never the secret), Spring Batch's step executions of each connection's partitions (named
 * {@code <worker step>:connection-<id>}), the runs' {@code sync_audit} rows, open {@code sync_errors},
 * {@code api_usage}, and the changes still to sync ({@code contact_changes} past the connection's outbound watermark,
 * pending {@code change_notices}). See the package documentation for how each number is computed.
 */
@Component
class ConnectionHealthReader {

    private static final String SQL = """
            WITH conns AS (
                SELECT c.* FROM crm_sync.connections c
                WHERE (CAST(:id AS bigint) IS NULL OR c.id = :id)
                  AND (cardinality(CAST(:tenants AS text[])) = 0 OR c.tenant_id = ANY(CAST(:tenants AS text[])))),
            runs AS (
                SELECT CAST(substring(s.step_name FROM ':connection-([0-9]+)$') AS bigint) AS connection_id,
                       s.job_execution_id, i.job_name,
                       CASE WHEN bool_or(s.status = 'FAILED') THEN 'FAILED'
                            WHEN bool_or(s.status IN ('STARTING', 'STARTED')) THEN 'STARTED'
                            WHEN bool_or(s.status IN ('STOPPING', 'STOPPED')) THEN 'STOPPED'
                            WHEN bool_and(s.status = 'COMPLETED') THEN 'COMPLETED'
                            ELSE min(s.status) END AS status,
                       max(coalesce(s.end_time, s.start_time)) AS at
                FROM batch_step_execution s
                JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                WHERE CAST(substring(s.step_name FROM ':connection-([0-9]+)$') AS bigint) IN (SELECT id FROM conns)
                GROUP BY 1, 2, 3),
            last_run AS (
                SELECT DISTINCT ON (connection_id) connection_id, job_name, job_execution_id, status, at
                FROM runs ORDER BY connection_id, job_execution_id DESC),
            last_ok AS (SELECT connection_id, max(at) AS at FROM runs WHERE status = 'COMPLETED' GROUP BY 1),
            moved AS (
                SELECT a.connection_id,
                       sum(CASE WHEN a.action = 'inbound' THEN coalesce(CAST(a.details ->> 'written' AS bigint), 0)
                                ELSE 0 END) AS records_in,
                       sum(CASE WHEN a.action IN ('outbound', 'activities') THEN a.record_count ELSE 0 END)
                           AS records_out
                FROM crm_sync.sync_audit a
                WHERE a.connection_id IN (SELECT id FROM conns) AND a.job_name <> 'admin'
                  AND a.recorded_at > now() - interval '24 hours'
                GROUP BY 1),
            problems AS (
                SELECT connection_id, count(*) FILTER (WHERE kind = 'error') AS errors,
                       count(*) FILTER (WHERE kind = 'warning') AS warnings
                FROM crm_sync.sync_errors
                WHERE status = 'open' AND connection_id IN (SELECT id FROM conns)
                GROUP BY 1)
            SELECT c.id, c.tenant_id, c.crm, c.account_ref, c.status, c.status_reason, c.created_at,
                   c.settings ->> 'syncFrequency' AS frequency, c.settings ->> 'dailyShare' AS daily_share,
                   c.quota_paused_until,
                   lr.job_name AS run_job, lr.job_execution_id AS run_execution, lr.status AS run_status,
                   lr.at AS run_at, lo.at AS last_ok,
                   coalesce(m.records_in, 0) AS records_in, coalesce(m.records_out, 0) AS records_out,
                   coalesce(p.errors, 0) AS open_errors, coalesce(p.warnings, 0) AS open_warnings,
                   u.calls, CAST(u.quota_limit AS bigint) AS quota_limit,
                   CAST(u.quota_remaining AS bigint) AS quota_remaining,
                   cr.kind AS credential_kind, cr.expires_at, cr.updated_at AS credentials_at,
                   least(pc.at, pn.at) AS oldest_pending
            FROM conns c
            LEFT JOIN last_run lr ON lr.connection_id = c.id
            LEFT JOIN last_ok lo ON lo.connection_id = c.id
            LEFT JOIN moved m ON m.connection_id = c.id
            LEFT JOIN problems p ON p.connection_id = c.id
            LEFT JOIN crm_sync.api_usage u
                   ON u.connection_id = c.id AND u.usage_date = CAST(now() AT TIME ZONE 'UTC' AS date)
            LEFT JOIN crm_sync.credentials cr ON cr.connection_id = c.id
            LEFT JOIN LATERAL (
                SELECT min(x.changed_at) AS at FROM crm_sync.contact_changes x
                WHERE x.tenant_id = c.tenant_id
                  AND x.change_xid >= coalesce((SELECT CAST(w.position AS bigint) FROM crm_sync.watermarks w
                                                WHERE w.tenant_id = c.tenant_id AND w.connection_id = c.id
                                                  AND w.stream = 'contact-sync.outbound'), 0)
                  AND NOT (x.reasons <@ ARRAY['crm-echo:' || c.id])) pc ON c.status = 'active'
            LEFT JOIN LATERAL (
                SELECT min(n.received_at) AS at FROM crm_sync.change_notices n
                WHERE n.connection_id = c.id AND n.applied_at IS NULL) pn ON c.status = 'active'
            ORDER BY c.tenant_id, c.id""";

    private final JdbcClient jdbc;
    private final Clock clock;

    ConnectionHealthReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    /** The connections of {@code tenants} (all when empty), or only {@code connectionId} when given. */
    List<ConnectionHealth> read(List<String> tenants, @Nullable Long connectionId) {
        Instant now = clock.instant();
        return jdbc.sql(SQL)
                .param("id", connectionId, java.sql.Types.BIGINT)
                .param("tenants", tenants.toArray(String[]::new))
                .query((rs, n) -> health(rs, now))
                .list();
    }

    private static ConnectionHealth health(ResultSet rs, Instant now) throws SQLException {
        String state = rs.getString("status");
        String crm = rs.getString("crm");
        SyncFrequency frequency = frequency(rs.getString("frequency"));
        Instant quotaPausedUntil = instant(rs, "quota_paused_until");
        LastRun lastRun = rs.getString("run_job") == null ? null : new LastRun(rs.getString("run_job"),
                rs.getLong("run_execution"), rs.getString("run_status"), batchTime(rs, "run_at"));
        HealthRule.Facts facts = new HealthRule.Facts(state, quotaPausedUntil,
                lastRun == null ? null : lastRun.status(), rs.getLong("open_errors"), rs.getLong("open_warnings"),
                batchTime(rs, "last_ok"), instant(rs, "created_at"), frequency);
        Instant oldestPending = instant(rs, "oldest_pending");
        Duration lag = !state.equals("active") ? null
                : oldestPending == null || oldestPending.isAfter(now) ? Duration.ZERO
                : Duration.between(oldestPending, now);
        Long limit = rs.getObject("quota_limit", Long.class);
        ApiUsage usage = new ApiUsage(rs.getLong("calls"), limit, allocation(crm, rs.getString("daily_share")),
                rs.getObject("quota_remaining", Long.class), quotaPausedUntil);
        String kind = rs.getString("credential_kind");
        OAuthHealth oauth = new OAuthHealth(kind == null ? "none" : kind, instant(rs, "expires_at"),
                instant(rs, "credentials_at"), state.equals("auth_failed"));
        return new ConnectionHealth(rs.getLong("id"), rs.getString("tenant_id"), crm, rs.getString("account_ref"),
                state, rs.getString("status_reason"), HealthRule.health(facts, now), frequency,
                facts.lastSuccessfulSync(), lastRun, HealthRule.nextSync(facts, now), rs.getLong("records_in"),
                rs.getLong("records_out"), lag, facts.openErrors(), facts.openWarnings(), usage, oauth);
    }

    /** The connection's frequency; one stored wrong (set by hand) reads as the default, hourly. */
    private static SyncFrequency frequency(@Nullable String stored) {
        try {
            return stored == null || stored.isBlank() ? SyncFrequency.HOURLY : SyncFrequency.parse(stored);
        } catch (InvalidRequestException e) {
            return SyncFrequency.HOURLY;
        }
    }

    /** Its {@code dailyShare} setting, else the connector's default (Pipedrive 0.8, the others 0.5). */
    static double allocation(String crm, @Nullable String dailyShare) {
        if (dailyShare != null) {
            try {
                return Double.parseDouble(dailyShare.strip());
            } catch (NumberFormatException e) {
                // a value set by hand that no connector would accept either: the default applies
            }
        }
        return crm.equals("pipedrive") ? 0.8 : 0.5;
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /** Spring Batch stores local times of the JVM that ran the job ({@code timestamp} without a zone). */
    private static @Nullable Instant batchTime(ResultSet rs, String column) throws SQLException {
        LocalDateTime time = rs.getObject(column, LocalDateTime.class);
        return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
    }
}
