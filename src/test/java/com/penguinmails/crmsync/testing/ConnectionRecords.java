package com.penguinmails.crmsync.testing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a sync wrote about a CRM connection's people, read back by a test: the link of a CRM person and the contact it
 * reaches, the connection's list, whether a contact is soft-deleted, a tenant's contact by address; and an engagement
 * event written as the platform writes one.
 */
public final class ConnectionRecords {

    private final JdbcClient jdbc;

    public ConnectionRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts an event of e-mail {@code message} to the contact, now, as the platform does (plain SQL). */
    public void engagementEvent(CrmDriver crm, long contact, String message, String type) {
        jdbc.sql("""
                        INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, message_id, event_type,
                                                                    occurred_at)
                        VALUES (:t, :c, :m, :type, :at)""")
                .param("t", crm.tenant()).param("c", contact).param("m", message).param("type", type)
                .param("at", OffsetDateTime.now(ZoneOffset.UTC)).update();
    }

    /** The contact the CRM person's link (live or closed) reaches. */
    public long pmId(CrmDriver crm, String crmId) {
        return jdbc.sql("SELECT pm_id FROM crm_sync.record_links WHERE connection_id = :c AND pm_entity = 'contact' "
                + "AND crm_id = :id").param("c", crm.connection()).param("id", crmId).query(Long.class).single();
    }

    /** The CRM person's link: {@code deleted_at} and {@code merged_into}. */
    public Map<String, Object> link(CrmDriver crm, String crmId) {
        return jdbc.sql("SELECT deleted_at, merged_into FROM crm_sync.record_links WHERE connection_id = :c "
                + "AND pm_entity = 'contact' AND crm_id = :id").param("c", crm.connection()).param("id", crmId)
                .query().singleRow();
    }

    /** The contacts on the connection's static list. */
    public List<Long> connectionList(CrmDriver crm) {
        return jdbc.sql("""
                        SELECT m.contact_id FROM penguinmails.list_members m JOIN penguinmails.lists l ON l.id = m.list_id
                        WHERE l.tenant_id = :t AND l.name LIKE :n""")
                .param("t", crm.tenant()).param("n", "% contacts (connection " + crm.connection() + ")")
                .query(Long.class).list();
    }

    public boolean softDeleted(long contact) {
        return jdbc.sql("SELECT deleted_at IS NOT NULL FROM penguinmails.contacts WHERE id = :id")
                .param("id", contact).query(Boolean.class).single();
    }

    /** The tenant's live contact holding {@code email}, if any. */
    public @Nullable Long contactByEmail(CrmDriver crm, String email) {
        return jdbc.sql("SELECT id FROM penguinmails.contacts WHERE tenant_id = :t AND email = :e "
                + "AND deleted_at IS NULL").param("t", crm.tenant()).param("e", email).query(Long.class)
                .optional().orElse(null);
    }
}
