package com.penguinmails.crmsync.store;

import java.util.Collection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code crm_sync.contact_changes}: contacts whose synced state changed on the PenguinMails side. Marking takes a
 * fresh {@code change_seq}, which outbound steps read after their own watermark; marking twice is harmless.
 */
@Repository
public class ContactChangeStore {

    private final JdbcClient jdbc;

    public ContactChangeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest change number of a tenant, 0 when none. */
    public long maxSeq(String tenantId) {
        return jdbc.sql("SELECT coalesce(max(change_seq), 0) FROM crm_sync.contact_changes WHERE tenant_id = :t")
                .param("t", tenantId).query(Long.class).single();
    }

    /**
     * The change number to read a tenant's changes after so as to cover every contact marked at or after
     * {@code since}: just below the lowest change number marked since then (change numbers are taken in about the
     * order of marking, so a few marked a moment earlier may come too), or the newest when none was marked since.
     */
    public long seqBefore(String tenantId, java.time.Instant since) {
        return jdbc.sql("""
                        SELECT coalesce(min(change_seq) FILTER (WHERE changed_at >= :since) - 1,
                                        max(change_seq), 0)
                        FROM crm_sync.contact_changes WHERE tenant_id = :t""")
                .param("t", tenantId)
                .param("since", java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC))
                .query(Long.class).single();
    }

    /** One changed contact: its id and change number. */
    public record Change(long contactId, long seq) {
    }

    /** The next {@code limit} changes of a tenant with a change number in {@code (after, upTo]}, in order. */
    public java.util.List<Change> page(String tenantId, long after, long upTo, int limit) {
        return jdbc.sql("""
                        SELECT contact_id, change_seq FROM crm_sync.contact_changes
                        WHERE tenant_id = :t AND change_seq > :after AND change_seq <= :upTo
                        ORDER BY change_seq LIMIT :limit""")
                .param("t", tenantId).param("after", after).param("upTo", upTo).param("limit", limit)
                .query((rs, n) -> new Change(rs.getLong(1), rs.getLong(2)))
                .list();
    }

    /** Marks the contacts changed for {@code reason} (e.g. {@code lead_score}), in one statement. */
    public int markChanged(String tenantId, Collection<Long> contactIds, String reason) {
        if (contactIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        INSERT INTO crm_sync.contact_changes (contact_id, tenant_id, reasons)
                        SELECT id, :tenant, ARRAY[:reason] FROM unnest(CAST(:ids AS bigint[])) AS id
                        ON CONFLICT (contact_id) DO UPDATE
                           SET change_seq = nextval('crm_sync.contact_change_seq'), changed_at = now(),
                               reasons = CASE WHEN :reason = ANY(crm_sync.contact_changes.reasons)
                                              THEN crm_sync.contact_changes.reasons
                                              ELSE crm_sync.contact_changes.reasons || :reason END""")
                .param("tenant", tenantId)
                .param("reason", reason)
                .param("ids", contactIds.toArray(Long[]::new))
                .update();
    }
}
