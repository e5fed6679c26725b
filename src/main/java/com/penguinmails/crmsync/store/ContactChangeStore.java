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
