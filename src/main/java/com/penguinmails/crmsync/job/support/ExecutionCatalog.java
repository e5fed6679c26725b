package com.penguinmails.crmsync.job.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Operator views over the Spring Batch job repository that its Java API has no query for: executions filtered by
 * status and job, newest first, and the last execution of every unfinished job instance.
 */
@Component
public class ExecutionCatalog {

    private final JdbcClient jdbc;

    public ExecutionCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row of {@code executions}. */
    public record ExecutionRow(long id, String job, String status, String exitCode, @Nullable String shard,
                               @Nullable String tenants, @Nullable LocalDateTime startTime,
                               @Nullable LocalDateTime endTime) {
    }

    public List<ExecutionRow> find(@Nullable String status, @Nullable String jobName, int limit) {
        return jdbc.sql("""
                        SELECT e.job_execution_id, i.job_name, e.status, e.exit_code, e.start_time, e.end_time,
                               (SELECT p.parameter_value FROM batch_job_execution_params p
                                 WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name = 'shard') AS shard,
                               (SELECT p.parameter_value FROM batch_job_execution_params p
                                 WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name = 'tenants') AS tenants
                        FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                        WHERE (CAST(:status AS text) IS NULL OR e.status = :status)
                          AND (CAST(:job AS text) IS NULL OR i.job_name = :job)
                        ORDER BY e.job_execution_id DESC
                        LIMIT :limit""")
                .param("status", status, java.sql.Types.VARCHAR)
                .param("job", jobName, java.sql.Types.VARCHAR)
                .param("limit", limit)
                .query(ExecutionCatalog::row)
                .list();
    }

    /** Ids of the last execution of each job instance that never completed and was not abandoned, oldest first. */
    public List<Long> lastExecutionsOfUnfinishedInstances() {
        return jdbc.sql("""
                        SELECT e.job_execution_id FROM batch_job_execution e
                        WHERE e.job_execution_id = (SELECT max(l.job_execution_id) FROM batch_job_execution l
                                                     WHERE l.job_instance_id = e.job_instance_id)
                          AND e.status IN ('FAILED', 'STOPPED', 'STARTED', 'STARTING', 'STOPPING', 'UNKNOWN')
                        ORDER BY e.job_execution_id""")
                .query(Long.class)
                .list();
    }

    private static ExecutionRow row(ResultSet rs, int n) throws SQLException {
        return new ExecutionRow(rs.getLong("job_execution_id"), rs.getString("job_name"), rs.getString("status"),
                rs.getString("exit_code"), rs.getString("shard"), rs.getString("tenants"),
                time(rs.getTimestamp("start_time")), time(rs.getTimestamp("end_time")));
    }

    private static @Nullable LocalDateTime time(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime();
    }
}
