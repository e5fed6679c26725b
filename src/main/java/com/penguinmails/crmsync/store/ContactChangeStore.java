package com.penguinmails.crmsync.store;

import java.util.Collection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code crm_sync.contact_changes}: contacts whose synced state changed on the PenguinMails side, marked by triggers
 * on {@code penguinmails.contacts} and {@code companies} (V7), by lead-score, by inbound conflicts, by the platform.
 * Each row carries the id of the transaction that last marked it ({@code change_xid}); outbound steps read in that
 * order and are safe against late commits: a {@link Horizon} taken when a step starts says below which transaction
 * id every transaction had ended, so a watermark moved only that far never passes a mark that commits later.
 * Marking twice is harmless.
 */
@Repository
public class ContactChangeStore {

    private final JdbcClient jdbc;

    public ContactChangeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Where the change log stood at one instant (a PostgreSQL snapshot).
     *
     * @param settled every transaction with a lower id had ended (committed or rolled back): the furthest a
     *                watermark may move
     * @param limit   no transaction with this id or a higher one had started: marks below it may be read now (those
     *                between {@code settled} and {@code limit} that commit later are read by the next run)
     */
    public record Horizon(long settled, long limit) {
    }

    /** The change log's horizon now (the xmin and xmax of a fresh snapshot). */
    public Horizon horizon() {
        return jdbc.sql("""
                        SELECT CAST(CAST(pg_snapshot_xmin(s) AS text) AS bigint),
                               CAST(CAST(pg_snapshot_xmax(s) AS text) AS bigint)
                        FROM pg_current_snapshot() AS s""")
                .query((rs, n) -> new Horizon(rs.getLong(1), rs.getLong(2))).single();
    }

    /**
     * The position to read a tenant's changes from so as to cover every contact marked at or after {@code since}:
     * the oldest marking transaction among them (a few marked a moment earlier may come too), or {@code otherwise}
     * when none was marked since.
     */
    public long positionSince(String tenantId, java.time.Instant since, long otherwise) {
        return jdbc.sql("""
                        SELECT coalesce(min(change_xid), :otherwise) FROM crm_sync.contact_changes
                        WHERE tenant_id = :t AND changed_at >= :since""")
                .param("t", tenantId).param("otherwise", otherwise)
                .param("since", java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC))
                .query(Long.class).single();
    }

    /** One changed contact: its id and the transaction that marked it (0 for a contact not read from the log). */
    public record Change(long contactId, long xid) {
    }

    /**
     * The next {@code limit} changes of a tenant after {@code (afterXid, afterContactId)} and marked by a
     * transaction below {@code belowXid}, in (transaction, contact) order, for one connection: marks that only echo
     * that connection's own inbound writes ({@link #captureAsEchoOf}) are left out.
     */
    public java.util.List<Change> page(String tenantId, long connectionId, long afterXid, long afterContactId,
                                       long belowXid, int limit) {
        return jdbc.sql("""
                        SELECT contact_id, change_xid FROM crm_sync.contact_changes
                        WHERE tenant_id = :t AND (change_xid, contact_id) > (:xid, :contact) AND change_xid < :below
                          AND NOT (reasons <@ ARRAY[CAST(:echo AS text)])
                        ORDER BY change_xid, contact_id LIMIT :limit""")
                .param("t", tenantId).param("xid", afterXid).param("contact", afterContactId)
                .param("echo", echoReason(connectionId))
                .param("below", belowXid).param("limit", limit)
                .query((rs, n) -> new Change(rs.getLong(1), rs.getLong(2)))
                .list();
    }

    /**
     * The next {@code limit} of a tenant's live contacts after {@code afterContactId} that have no live link to a
     * person of the connection's CRM, by id: what a connection that creates contacts in its CRM has still to create,
     * whether or not anything marked them.
     */
    public java.util.List<Long> unlinkedContacts(String tenantId, long connectionId, long afterContactId, int limit) {
        return jdbc.sql("""
                        SELECT c.id FROM penguinmails.contacts c
                        WHERE c.tenant_id = :t AND c.id > :after AND c.deleted_at IS NULL
                          AND NOT EXISTS (SELECT 1 FROM crm_sync.record_links l
                                          WHERE l.connection_id = :connection AND l.pm_entity = 'contact'
                                            AND l.pm_id = c.id AND l.merged_into IS NULL AND l.deleted_at IS NULL)
                        ORDER BY c.id LIMIT :limit""")
                .param("t", tenantId).param("after", afterContactId).param("connection", connectionId)
                .param("limit", limit)
                .query(Long.class).list();
    }

    /**
     * Says, for the rest of the current transaction, that its writes to {@code penguinmails.contacts} and
     * {@code companies} write a CRM's values through the connection's inbound sync: the capture triggers then mark
     * the contacts with the reason {@code crm-echo:<connection>}, which that connection's outbound step skips (its CRM
     * holds those values) and every other connection of the tenant reads. Outside a transaction it has no effect
     * (the writes are then captured as PenguinMails changes, which costs the connection a look, never a write).
     */
    public void captureAsEchoOf(long connectionId) {
        jdbc.sql("SELECT set_config('crm_sync.capture', :echo, true)").param("echo", echoReason(connectionId))
                .query(String.class).single();
    }

    private static String echoReason(long connectionId) {
        return "crm-echo:" + connectionId;
    }

    /**
     * Marks contacts an outbound writer could not write, so the next run retries them, without waking the real-time
     * push that made the attempt (its {@code NOTIFY crm_sync_outbound} is off for this statement, V15): a refusal
     * retried at once would be refused again.
     */
    public int markForRetry(String tenantId, Collection<Long> contactIds) {
        if (contactIds.isEmpty()) {
            return 0;
        }
        jdbc.sql("SELECT set_config('crm_sync.notify', 'off', true)").query(String.class).single();
        int marked = markChanged(tenantId, contactIds, "retry");
        jdbc.sql("SELECT set_config('crm_sync.notify', '', true)").query(String.class).single();
        return marked;
    }

    /**
     * The active connections whose outbound stream {@code stream} (a watermark that exists: the connection's push ran
     * once) is behind a mark its reader would read, leaving out contacts with an open error of {@code jobName} on the
     * connection (they wait for the next run's retry).
     */
    public java.util.List<Long> connectionsWithPendingMarks(String stream, String jobName) {
        return jdbc.sql("""
                        SELECT c.id FROM crm_sync.connections c
                        JOIN crm_sync.watermarks w ON w.tenant_id = c.tenant_id AND w.connection_id = c.id
                                                  AND w.stream = :stream
                        WHERE c.status = 'active' AND EXISTS (
                              SELECT 1 FROM crm_sync.contact_changes x
                              WHERE x.tenant_id = c.tenant_id AND x.change_xid >= CAST(w.position AS bigint)
                                AND NOT (x.reasons <@ ARRAY['crm-echo:' || c.id])
                                AND NOT EXISTS (SELECT 1 FROM crm_sync.sync_errors e
                                                WHERE e.job_name = :job AND e.tenant_id = c.tenant_id
                                                  AND e.connection_id = c.id AND e.status = 'open'
                                                  AND e.kind = 'error'
                                                  AND e.record_key = 'penguinmails:contact:' || x.contact_id))
                        ORDER BY c.id""")
                .param("stream", stream).param("job", jobName)
                .query(Long.class).list();
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
