package com.penguinmails.crmsync.demo;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the demo reports after its runs: per tenant the data seeded and what {@code lead-score} made of it; per CRM
 * connection what contact-sync moved and engagement-sync logged.
 */
@Component
public class DemoSummary {

    /** One tenant's line of the demo summary. */
    public record TenantLine(String tenant, long contacts, long events, long scored, double averageScore, int topScore,
                             long markedForSync) {
    }

    /**
     * One connection's line of the demo summary.
     *
     * @param activities e-mails (and follow-ups) on the CRM timeline
     * @param waiting    e-mails waiting for their contact to be linked (or retried after a refusal)
     */
    public record ConnectionLine(long connectionId, String tenant, String crm, long recordsIn, long recordsOut,
                                 long conflicts, long openErrors, long activities, long waiting) {
    }

    private final JdbcClient jdbc;

    public DemoSummary(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Per connection: records synced in and out (from the audit), conflicts resolved, open dead letters. */
    public List<ConnectionLine> connectionLines(List<Long> connectionIds) {
        return jdbc.sql("""
                        SELECT c.id, c.tenant_id, c.crm,
                               (SELECT coalesce(sum((a.details->>'linked')::bigint), 0) FROM crm_sync.sync_audit a
                                 WHERE a.connection_id = c.id AND a.action = 'inbound') AS records_in,
                               (SELECT coalesce(sum(a.record_count), 0) FROM crm_sync.sync_audit a
                                 WHERE a.connection_id = c.id AND a.action = 'outbound') AS records_out,
                               (SELECT count(*) FROM crm_sync.sync_audit a
                                 WHERE a.connection_id = c.id AND a.action = 'conflict') AS conflicts,
                               (SELECT count(*) FROM crm_sync.sync_errors e
                                 WHERE e.connection_id = c.id AND e.status = 'open') AS open_errors,
                               (SELECT count(*) FROM crm_sync.activity_links l
                                 WHERE l.connection_id = c.id) AS activities,
                               (SELECT count(*) FROM crm_sync.activity_backlog b
                                 WHERE b.connection_id = c.id AND b.reason <> 'expired') AS waiting
                        FROM crm_sync.connections c
                        WHERE c.id = ANY(CAST(:ids AS bigint[]))
                        ORDER BY c.tenant_id, c.crm""")
                .param("ids", connectionIds.toArray(Long[]::new))
                .query((rs, n) -> new ConnectionLine(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)))
                .list();
    }

    public List<TenantLine> lines(List<String> tenants) {
        return jdbc.sql("""
                        SELECT t.id,
                               (SELECT count(*) FROM penguinmails.contacts c WHERE c.tenant_id = t.id) AS contacts,
                               (SELECT count(*) FROM penguinmails.engagement_events e WHERE e.tenant_id = t.id) AS events,
                               (SELECT count(*) FROM penguinmails.contacts c
                                 WHERE c.tenant_id = t.id AND c.lead_score > 0) AS scored,
                               (SELECT coalesce(avg(c.lead_score), 0) FROM penguinmails.contacts c
                                 WHERE c.tenant_id = t.id) AS average,
                               (SELECT coalesce(max(c.lead_score), 0) FROM penguinmails.contacts c
                                 WHERE c.tenant_id = t.id) AS top,
                               (SELECT count(*) FROM crm_sync.contact_changes x WHERE x.tenant_id = t.id) AS marked
                        FROM penguinmails.tenants t
                        WHERE t.id = ANY(CAST(:tenants AS text[]))
                        ORDER BY t.id""")
                .param("tenants", tenants.toArray(String[]::new))
                .query((rs, n) -> new TenantLine(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getDouble(5), rs.getInt(6), rs.getLong(7)))
                .list();
    }
}
