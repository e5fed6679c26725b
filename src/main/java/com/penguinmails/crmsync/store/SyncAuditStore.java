package com.penguinmails.crmsync.store;

import com.penguinmails.crmsync.core.Actor;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code crm_sync.sync_audit}: what each run changed, and every conflict it resolved, appended a chunk at a time; and
 * every change a person made through the API, the console or the CLI, with who made it ({@link #recordChange}).
 */
@Repository
public class SyncAuditStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One audit row; {@code details} is serialised as JSON and must not hold personal data (hashes only). */
    public record Entry(String tenantId, @Nullable Long connectionId, String jobName, long jobExecutionId,
                        String stepName, String action, @Nullable String objectType, int recordCount,
                        Object details) {
    }

    private final JdbcClient jdbc;

    public SyncAuditStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The job name of changes made by people (API, console, CLI) rather than by a run. */
    public static final String ADMIN_JOB = "admin";

    /**
     * Records a change made by {@code actor} (API, console, CLI): {@code action} names it (e.g.
     * {@code connection.paused}, {@code field-map.changed}); {@code details} says what changed (field names, old and
     * new settings) and must hold no secret and no personal data.
     *
     * @param connectionId the connection changed, or null for a tenant-wide change
     */
    public void recordChange(Actor actor, String tenantId, @Nullable Long connectionId, String action,
                             Object details) {
        jdbc.sql("""
                        INSERT INTO crm_sync.sync_audit (tenant_id, connection_id, job_name, action, details, actor)
                        VALUES (:tenant, :connection, :job, :action, CAST(:details AS jsonb), :actor)""")
                .param("tenant", tenantId)
                .param("connection", connectionId)
                .param("job", ADMIN_JOB)
                .param("action", action)
                .param("details", JSON.writeValueAsString(details))
                .param("actor", actor.toString())
                .update();
    }

    public void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO crm_sync.sync_audit (tenant_id, connection_id, job_name, job_execution_id,
                                                         step_name, action, object_type, record_count, details)
                        SELECT * FROM unnest(CAST(:tenant AS text[]), CAST(:connection AS bigint[]),
                                             CAST(:job AS text[]), CAST(:execution AS bigint[]), CAST(:step AS text[]),
                                             CAST(:action AS text[]), CAST(:type AS text[]), CAST(:count AS int[]),
                                             CAST(:details AS jsonb[]))""")
                .param("tenant", entries.stream().map(Entry::tenantId).toArray(String[]::new))
                .param("connection", entries.stream().map(Entry::connectionId).toArray(Long[]::new))
                .param("job", entries.stream().map(Entry::jobName).toArray(String[]::new))
                .param("execution", entries.stream().map(Entry::jobExecutionId).toArray(Long[]::new))
                .param("step", entries.stream().map(Entry::stepName).toArray(String[]::new))
                .param("action", entries.stream().map(Entry::action).toArray(String[]::new))
                .param("type", entries.stream().map(Entry::objectType).toArray(String[]::new))
                .param("count", entries.stream().map(Entry::recordCount).toArray(Integer[]::new))
                .param("details", entries.stream().map(e -> JSON.writeValueAsString(e.details())).toArray(String[]::new))
                .update();
    }
}
