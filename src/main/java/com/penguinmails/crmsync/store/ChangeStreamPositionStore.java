package com.penguinmails.crmsync.store;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code crm_sync.change_stream_positions}: how far each connection's CRM change stream was read (a Salesforce replay
 * id), saved in the caller's transaction with the notices read up to it.
 */
@Repository
public class ChangeStreamPositionStore {

    private final JdbcClient jdbc;

    public ChangeStreamPositionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored position; empty when none was stored or it was cleared (start from the newest events). */
    public Optional<byte[]> find(long connectionId) {
        return jdbc.sql("SELECT position FROM crm_sync.change_stream_positions WHERE connection_id = :connection")
                .param("connection", connectionId)
                .query((rs, row) -> Optional.ofNullable(rs.getBytes("position")))
                .optional().flatMap(position -> position);
    }

    /** Saves the position ({@code null}: cleared) of the connection's stream. */
    public void save(long connectionId, byte @Nullable [] position) {
        jdbc.sql("""
                        INSERT INTO crm_sync.change_stream_positions (connection_id, position, updated_at)
                        VALUES (:connection, :position, now())
                        ON CONFLICT (connection_id) DO UPDATE SET position = EXCLUDED.position, updated_at = now()""")
                .param("connection", connectionId)
                .param("position", position, java.sql.Types.BINARY)
                .update();
    }
}
