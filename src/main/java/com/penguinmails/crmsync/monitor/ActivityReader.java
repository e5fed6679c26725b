package com.penguinmails.crmsync.monitor;

import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.monitor.SyncHealth.ActivityPoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A connection's activity in time buckets aligned to the bucket size (UTC), the last one holding now: records in and
 * out from its runs' {@code sync_audit} rows, errors first recorded in the bucket, and the lag measured in it: the
 * longest a CRM change announced in real time (a {@code change_notices} row applied in the bucket) took from when
 * it happened in the CRM to when it was applied.
 */
@Component
class ActivityReader {

    static final Duration MIN_BUCKET = Duration.ofMinutes(1);
    static final Duration MAX_WINDOW = Duration.ofDays(31);
    static final int MAX_BUCKETS = 2000;

    private final JdbcClient jdbc;
    private final Clock clock;

    ActivityReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    List<ActivityPoint> read(long connectionId, Duration window, Duration bucket) {
        if (bucket.compareTo(MIN_BUCKET) < 0) {
            throw new InvalidRequestException("bucketMinutes: a bucket is at least 1 minute");
        }
        if (window.compareTo(bucket) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new InvalidRequestException("hours: the window must be at least one bucket and at most "
                    + MAX_WINDOW.toDays() + " days");
        }
        long secs = bucket.toSeconds();
        long count = (window.toSeconds() + secs - 1) / secs;
        if (count > MAX_BUCKETS) {
            throw new InvalidRequestException("bucketMinutes: " + count + " buckets is more than " + MAX_BUCKETS
                    + "; use larger buckets");
        }
        long end = (clock.instant().getEpochSecond() / secs + 1) * secs;
        Instant start = Instant.ofEpochSecond(end - count * secs);
        return jdbc.sql("""
                        WITH buckets AS (SELECT g AS b FROM generate_series(0, :count - 1) g),
                        moved AS (
                            SELECT CAST(floor(extract(epoch FROM a.recorded_at - :start) / :secs) AS int) AS b,
                                   sum(CASE WHEN a.action = 'inbound'
                                            THEN coalesce(CAST(a.details ->> 'written' AS bigint), 0) ELSE 0 END)
                                       AS records_in,
                                   sum(CASE WHEN a.action IN ('outbound', 'activities') THEN a.record_count
                                            ELSE 0 END) AS records_out
                            FROM crm_sync.sync_audit a
                            WHERE a.connection_id = :connection AND a.job_name <> 'admin'
                              AND a.recorded_at >= :start AND a.recorded_at < :end
                            GROUP BY 1),
                        errs AS (
                            SELECT CAST(floor(extract(epoch FROM e.first_seen_at - :start) / :secs) AS int) AS b,
                                   count(*) AS errors
                            FROM crm_sync.sync_errors e
                            WHERE e.connection_id = :connection AND e.kind = 'error'
                              AND e.first_seen_at >= :start AND e.first_seen_at < :end
                            GROUP BY 1),
                        lags AS (
                            SELECT CAST(floor(extract(epoch FROM n.applied_at - :start) / :secs) AS int) AS b,
                                   max(extract(epoch FROM n.applied_at - n.occurred_at)) AS lag
                            FROM crm_sync.change_notices n
                            WHERE n.connection_id = :connection AND n.last_failure IS NULL
                              AND n.applied_at >= :start AND n.applied_at < :end
                            GROUP BY 1)
                        SELECT b.b, coalesce(m.records_in, 0), coalesce(m.records_out, 0), coalesce(e.errors, 0),
                               CAST(CASE WHEN l.lag < 0 THEN 0 ELSE l.lag END AS double precision)
                        FROM buckets b
                        LEFT JOIN moved m ON m.b = b.b
                        LEFT JOIN errs e ON e.b = b.b
                        LEFT JOIN lags l ON l.b = b.b
                        ORDER BY b.b""")
                .param("count", count)
                .param("secs", secs)
                .param("start", start.atOffset(ZoneOffset.UTC))
                .param("end", Instant.ofEpochSecond(end).atOffset(ZoneOffset.UTC))
                .param("connection", connectionId)
                .query((rs, n) -> new ActivityPoint(start.plusSeconds(rs.getLong(1) * secs), rs.getLong(2),
                        rs.getLong(3), rs.getLong(4), rs.getObject(5, Double.class)))
                .list();
    }
}
