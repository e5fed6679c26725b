package com.penguinmails.crmsync.store;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code crm_sync.watermarks}: how far each stream of a tenant, or of one of its connections, has been synced.
 * Jobs read a watermark when a run starts and advance it only when the step that consumed the stream completes.
 */
@Repository
public class WatermarkStore {

    private final JdbcClient jdbc;

    public WatermarkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> position(String tenantId, @Nullable Long connectionId, String stream) {
        return jdbc.sql("""
                        SELECT position FROM crm_sync.watermarks
                        WHERE tenant_id = :tenant AND coalesce(connection_id, 0) = coalesce(:connection, 0)
                          AND stream = :stream""")
                .param("tenant", tenantId)
                .param("connection", connectionId, java.sql.Types.BIGINT)
                .param("stream", stream)
                .query(String.class)
                .optional();
    }

    /**
     * Sets an opaque position (a CRM change-feed cursor). Unlike numeric streams it cannot tell forward from back; a
     * cursor set back by a late restart only makes the next run read some changes again, which is harmless.
     */
    public void set(String tenantId, @Nullable Long connectionId, String stream, String position, long jobExecutionId) {
        jdbc.sql("""
                        INSERT INTO crm_sync.watermarks (tenant_id, connection_id, stream, position, job_execution_id)
                        VALUES (:tenant, :connection, :stream, :position, :execution)
                        ON CONFLICT (tenant_id, coalesce(connection_id, 0), stream) DO UPDATE
                           SET position = EXCLUDED.position, job_execution_id = EXCLUDED.job_execution_id,
                               updated_at = now()""")
                .param("tenant", tenantId)
                .param("connection", connectionId, java.sql.Types.BIGINT)
                .param("stream", stream)
                .param("position", position)
                .param("execution", jobExecutionId)
                .update();
    }

    /** Forgets a stream's position, so its next run starts it afresh (e.g. a create scan once creating is off). */
    public void forget(String tenantId, @Nullable Long connectionId, String stream) {
        jdbc.sql("""
                        DELETE FROM crm_sync.watermarks
                        WHERE tenant_id = :tenant AND coalesce(connection_id, 0) = coalesce(:connection, 0)
                          AND stream = :stream""")
                .param("tenant", tenantId)
                .param("connection", connectionId, java.sql.Types.BIGINT)
                .param("stream", stream)
                .update();
    }

    /** A numeric position (an event id, a sequence value); 0 when the stream was never synced. */
    public long numericPosition(String tenantId, @Nullable Long connectionId, String stream) {
        return position(tenantId, connectionId, stream).map(Long::parseLong).orElse(0L);
    }

    /**
     * Moves a numeric watermark forward to {@code position}; never backward, so a late restart of an old execution
     * cannot undo what a newer run has already synced.
     */
    public void advanceNumeric(String tenantId, @Nullable Long connectionId, String stream, long position,
                               long jobExecutionId) {
        jdbc.sql("""
                        INSERT INTO crm_sync.watermarks (tenant_id, connection_id, stream, position, job_execution_id)
                        VALUES (:tenant, :connection, :stream, :position, :execution)
                        ON CONFLICT (tenant_id, coalesce(connection_id, 0), stream) DO UPDATE
                           SET position = EXCLUDED.position, job_execution_id = EXCLUDED.job_execution_id,
                               updated_at = now()
                         WHERE CAST(crm_sync.watermarks.position AS bigint) < CAST(EXCLUDED.position AS bigint)""")
                .param("tenant", tenantId)
                .param("connection", connectionId, java.sql.Types.BIGINT)
                .param("stream", stream)
                .param("position", Long.toString(position))
                .param("execution", jobExecutionId)
                .update();
    }
}
