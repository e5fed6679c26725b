package com.penguinmails.crmsync.store;

import com.penguinmails.crmsync.core.EmailHistory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code crm_sync.activity_backlog}: e-mails a connection could not log yet, because their contact is not linked to a
 * CRM record or the CRM refused the activity. They wait a bounded time and are retried by every run.
 */
@Repository
public class ActivityBacklogStore {

    /** Why an e-mail waits. */
    public enum Reason {
        UNLINKED, REFUSED;

        String dbValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final JdbcClient jdbc;

    public ActivityBacklogStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds e-mails to the backlog (keeping when they came), or counts another attempt of a refused one. An e-mail
     * that expired stays expired: its wait is over.
     */
    public void add(long connectionId, Collection<EmailHistory.Key> keys, Reason reason) {
        if (keys.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO crm_sync.activity_backlog (connection_id, contact_id, message_id, reason)
                        SELECT DISTINCT :c, k.contact_id, k.message_id, :r
                        FROM unnest(CAST(:contacts AS bigint[]), CAST(:messages AS text[])) AS k(contact_id, message_id)
                        ON CONFLICT (connection_id, contact_id, message_id) DO UPDATE
                           SET reason = EXCLUDED.reason,
                               attempts = crm_sync.activity_backlog.attempts
                                          + CASE WHEN EXCLUDED.reason = 'refused' THEN 1 ELSE 0 END
                           WHERE crm_sync.activity_backlog.reason <> 'expired'""")
                .param("c", connectionId).param("r", reason.dbValue())
                .param("contacts", keys.stream().map(EmailHistory.Key::contactId).toArray(Long[]::new))
                .param("messages", keys.stream().map(EmailHistory.Key::messageId).toArray(String[]::new))
                .update();
    }

    /** Removes e-mails that were logged. */
    public int remove(long connectionId, Collection<EmailHistory.Key> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        DELETE FROM crm_sync.activity_backlog b
                        USING unnest(CAST(:contacts AS bigint[]), CAST(:messages AS text[])) AS k(contact_id, message_id)
                        WHERE b.connection_id = :c AND b.contact_id = k.contact_id AND b.message_id = k.message_id""")
                .param("c", connectionId)
                .param("contacts", keys.stream().map(EmailHistory.Key::contactId).toArray(Long[]::new))
                .param("messages", keys.stream().map(EmailHistory.Key::messageId).toArray(String[]::new))
                .update();
    }

    /**
     * The next {@code limit} waiting e-mails after {@code after} (in contact, message order) that can be tried now:
     * refused ones, and unlinked ones whose contact has a live link to the connection's CRM by now.
     */
    public List<EmailHistory.Key> ready(long connectionId, EmailHistory.@Nullable Key after, int limit) {
        return jdbc.sql("""
                        SELECT b.contact_id, b.message_id FROM crm_sync.activity_backlog b
                        WHERE b.connection_id = :c AND (b.contact_id, b.message_id) > (:ac, :am)
                          AND b.reason <> 'expired'
                          AND (b.reason = 'refused' OR EXISTS (
                                SELECT 1 FROM crm_sync.record_links l
                                WHERE l.connection_id = b.connection_id AND l.pm_entity = 'contact'
                                  AND l.pm_id = b.contact_id AND l.merged_into IS NULL AND l.deleted_at IS NULL))
                        ORDER BY b.contact_id, b.message_id LIMIT :limit""")
                .param("c", connectionId)
                .param("ac", after == null ? Long.MIN_VALUE : after.contactId())
                .param("am", after == null ? "" : after.messageId())
                .param("limit", limit)
                .query((rs, row) -> new EmailHistory.Key(rs.getLong(1), rs.getString(2))).list();
    }

    /**
     * Marks the e-mails waiting since before {@code cutoff} expired (they are not retried any more) and forgets those
     * that expired before {@code forgetBefore}; returns how many expired now, by the reason they waited for.
     */
    public java.util.Map<String, Integer> expire(long connectionId, Instant cutoff, Instant forgetBefore) {
        jdbc.sql("""
                        DELETE FROM crm_sync.activity_backlog
                        WHERE connection_id = :c AND reason = 'expired' AND first_seen_at < :forget""")
                .param("c", connectionId).param("forget", OffsetDateTime.ofInstant(forgetBefore, ZoneOffset.UTC))
                .update();
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        jdbc.sql("""
                        WITH due AS (SELECT contact_id, message_id, reason AS waited FROM crm_sync.activity_backlog
                                     WHERE connection_id = :c AND first_seen_at < :cutoff AND reason <> 'expired'
                                     FOR UPDATE),
                             marked AS (UPDATE crm_sync.activity_backlog b SET reason = 'expired' FROM due d
                                        WHERE b.connection_id = :c AND b.contact_id = d.contact_id
                                          AND b.message_id = d.message_id
                                        RETURNING d.waited)
                        SELECT waited, count(*) FROM marked GROUP BY waited""")
                .param("c", connectionId).param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }

    /** How many e-mails of the connection wait, by reason. */
    public java.util.Map<String, Integer> waiting(long connectionId) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        jdbc.sql("SELECT reason, count(*) FROM crm_sync.activity_backlog WHERE connection_id = :c "
                        + "AND reason <> 'expired' GROUP BY reason")
                .param("c", connectionId)
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }
}
