package com.penguinmails.crmsync.serve;

import com.penguinmails.crmsync.core.SyncFrequency;
import com.penguinmails.crmsync.metrics.MeterNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code crm-sync serve} exports every connection's state from {@code crm_sync.connections}, refreshed every
 * {@code crmsync.metrics.connection-gauges-interval} (30 s), so the alerts see an {@code auth_failed} connection or
 * one falling behind even between CronJob runs: {@code crmsync.connection.status} (1 for the connection's status) and
 * {@code crmsync.connection.lag} (seconds its last committed sync position is older than its sync interval, 0 on
 * schedule) and {@code crmsync.connection.failed.runs} (how many of its last 3 partition runs failed, from
 * Spring Batch's step executions {@code <step>:connection-<id>}). Disconnected connections are not exported.
 */
@Component
@ConditionalOnServe
class ConnectionGauges implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConnectionGauges.class);

    private final JdbcClient jdbc;
    private final Duration interval;
    private final MultiGauge status;
    private final MultiGauge lag;
    private final MultiGauge failedRuns;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "connection-gauges");
        thread.setDaemon(true);
        return thread;
    });

    ConnectionGauges(JdbcClient jdbc, MeterRegistry registry,
                     @Value("${crmsync.metrics.connection-gauges-interval:30s}") Duration interval) {
        this.jdbc = jdbc;
        this.interval = interval;
        this.status = MultiGauge.builder(MeterNames.CONNECTION_STATUS)
                .description("1 for each connection in its current status").register(registry);
        this.lag = MultiGauge.builder(MeterNames.CONNECTION_LAG).baseUnit("seconds")
                .description("How far a connection's last committed sync is behind its sync interval")
                .register(registry);
        this.failedRuns = MultiGauge.builder(MeterNames.CONNECTION_FAILED_RUNS)
                .description("How many of a connection's last 3 partition runs (a week at most) failed")
                .register(registry);
    }

    private record Row(long id, String tenantId, String crm, String status, String frequency, double sinceSync,
                       long failedRuns) {
    }

    @Override
    public void afterPropertiesSet() {
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("could not refresh the connection gauges: {}", e.getMessage());
        }
    }

    /** Reads every connection's status and last sync and replaces the gauges' rows. */
    void refresh() {
        List<Row> rows = jdbc.sql("""
                        SELECT c.id, c.tenant_id, c.crm, c.status, coalesce(c.settings ->> :setting, '') AS frequency,
                               extract(epoch FROM now() - coalesce(max(w.updated_at), c.created_at)) AS since_sync,
                               coalesce(min(f.failed), 0) AS failed_runs
                        FROM crm_sync.connections c
                        LEFT JOIN crm_sync.watermarks w ON w.connection_id = c.id
                        LEFT JOIN (SELECT connection_id, count(*) FILTER (WHERE status = 'FAILED') AS failed
                                   FROM (SELECT substring(step_name FROM ':connection-([0-9]+)$')::bigint
                                                    AS connection_id, status,
                                                row_number() OVER (PARTITION BY substring(step_name
                                                    FROM ':connection-([0-9]+)$')
                                                    ORDER BY step_execution_id DESC) AS n
                                         FROM batch_step_execution
                                         WHERE step_name ~ ':connection-[0-9]+$'
                                           AND status IN ('COMPLETED', 'FAILED')
                                           AND end_time > now() - interval '7 days') runs
                                   WHERE n <= 3
                                   GROUP BY connection_id) f ON f.connection_id = c.id
                        WHERE c.status <> 'disconnected'
                        GROUP BY c.id""")
                .param("setting", SyncFrequency.SETTING)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("crm"),
                        rs.getString("status"), rs.getString("frequency"), rs.getDouble("since_sync"),
                        rs.getLong("failed_runs")))
                .list();
        status.register(rows.stream().map(r -> MultiGauge.Row.of(tags(r).and("status", r.status()), 1)).toList(),
                true);
        lag.register(rows.stream().map(r -> MultiGauge.Row.of(tags(r), behind(r))).toList(), true);
        failedRuns.register(rows.stream().map(r -> MultiGauge.Row.of(tags(r), r.failedRuns())).toList(), true);
    }

    private static Tags tags(Row row) {
        return Tags.of("tenant", row.tenantId(), "crm", row.crm(), "connection", Long.toString(row.id()));
    }

    private static double behind(Row row) {
        SyncFrequency frequency;
        try {
            frequency = row.frequency().isBlank() ? SyncFrequency.HOURLY : SyncFrequency.parse(row.frequency());
        } catch (RuntimeException e) {
            frequency = SyncFrequency.HOURLY;
        }
        return Math.max(0, row.sinceSync() - frequency.interval().toSeconds());
    }
}
