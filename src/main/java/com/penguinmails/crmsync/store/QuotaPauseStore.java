package com.penguinmails.crmsync.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code crm_sync.connections.quota_paused_until}: until when a connection that reached its API allocation is paused
 * (runs and the service leave it out while it is in the future; {@link ConnectionStore#active} reads it too).
 */
@Repository
public class QuotaPauseStore {

    private final JdbcClient jdbc;

    public QuotaPauseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Until when the connection is paused for its API allocation, if it is (a past time until it is cleared). */
    public Optional<Instant> pausedUntil(long connectionId) {
        return jdbc.sql("SELECT quota_paused_until FROM crm_sync.connections WHERE id = :id")
                .param("id", connectionId)
                .query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)).map(java.sql.Timestamp::toInstant))
                .optional().flatMap(until -> until);
    }

    /** Pauses the connection until {@code until}; true when it was not paused until then or later already. */
    public boolean pause(long connectionId, Instant until) {
        return jdbc.sql("""
                        UPDATE crm_sync.connections SET quota_paused_until = :until, updated_at = now()
                        WHERE id = :id AND (quota_paused_until IS NULL OR quota_paused_until < :until)""")
                .param("id", connectionId)
                .param("until", java.sql.Timestamp.from(until))
                .update() == 1;
    }

    /** Clears the pauses that ended at or before {@code now}; the ids of the connections resumed. */
    public List<Long> resumeEnded(Instant now) {
        return jdbc.sql("""
                        UPDATE crm_sync.connections SET quota_paused_until = NULL, updated_at = now()
                        WHERE quota_paused_until IS NOT NULL AND quota_paused_until <= :now
                        RETURNING id""")
                .param("now", java.sql.Timestamp.from(now))
                .query(Long.class)
                .list();
    }
}
