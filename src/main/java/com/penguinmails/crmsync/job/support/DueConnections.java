package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.SyncFrequency;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which connections a scheduled run ({@code run --due}) syncs: a connection is due when its last successful sync by
 * that job (a run in which its partition completed) started at least its {@link SyncFrequency} interval ago, less
 * {@link #TOLERANCE}, so that a CronJob firing every 15 minutes does not skip an hourly connection whose last run
 * started a few seconds after the hour. A connection never synced by the job is due.
 */
@Component
public class DueConnections {

    /**
     * How much earlier than its interval a connection counts as due: more than a CronJob's launch jitter and less
     * than the CronJobs' 15-minute period, so an hourly connection syncs once an hour, not every 45 minutes.
     */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final JdbcClient jdbc;

    public DueConnections(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A connection a scheduled run left out.
     *
     * @param lastSync when its last successful run of the job started
     * @param dueAt    from when a scheduled run syncs it again
     */
    public record NotDue(Connection connection, SyncFrequency frequency, Instant lastSync, Instant dueAt) {
    }

    /** The connections of {@code selected} that are not due for {@code jobName} at {@code asOf}, in their order. */
    public List<NotDue> notDue(String jobName, Collection<Connection> selected, Instant asOf) {
        if (selected.isEmpty()) {
            return List.of();
        }
        Map<Long, Instant> last = lastSuccessfulStarts(jobName, asOf);
        return selected.stream()
                .filter(connection -> last.containsKey(connection.id()))
                .map(connection -> {
                    SyncFrequency frequency = frequency(connection);
                    Instant lastSync = last.get(connection.id());
                    return new NotDue(connection, frequency, lastSync, lastSync.plus(frequency.interval()));
                })
                .filter(notDue -> asOf.isBefore(notDue.dueAt().minus(TOLERANCE)))
                .toList();
    }

    /** A connection's frequency; an unreadable setting (stored before it was checked) counts as the default. */
    private static SyncFrequency frequency(Connection connection) {
        try {
            return SyncFrequency.of(connection.settings());
        } catch (RuntimeException e) {
            return SyncFrequency.HOURLY;
        }
    }

    /**
     * Per connection, the start of the last run of {@code jobName} before {@code asOf} in which a partition of it
     * completed (the run asking is not one of them: it starts after its {@code asOf}); dry runs do not count.
     */
    private Map<Long, Instant> lastSuccessfulStarts(String jobName, Instant asOf) {
        Map<Long, Instant> starts = new HashMap<>();
        jdbc.sql("""
                        SELECT CAST(substring(se.step_name FROM ':connection-([0-9]+)$') AS bigint) AS connection_id,
                               max(je.start_time) AS started
                        FROM batch_step_execution se
                        JOIN batch_job_execution je ON je.job_execution_id = se.job_execution_id
                        JOIN batch_job_instance ji ON ji.job_instance_id = je.job_instance_id
                        WHERE ji.job_name = :job AND se.status = 'COMPLETED' AND se.exit_code <> :paused
                          AND je.start_time < :asOf
                          AND se.step_name ~ ':connection-[0-9]+$'
                          AND NOT EXISTS (SELECT 1 FROM batch_job_execution_params p
                                          WHERE p.job_execution_id = je.job_execution_id
                                            AND p.parameter_name = :dryRun AND p.parameter_value = 'true')
                        GROUP BY 1""")
                .param("job", jobName)
                .param("asOf", java.sql.Timestamp.from(asOf))
                .param("dryRun", RunParameters.DRY_RUN)
                .param("paused", QuotaPauseListener.EXIT_CODE)
                .query((rs, row) -> starts.put(rs.getLong("connection_id"),
                        rs.getTimestamp("started").toInstant()))
                .list();
        return starts;
    }
}
