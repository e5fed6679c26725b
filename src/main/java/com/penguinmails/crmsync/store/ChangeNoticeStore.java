package com.penguinmails.crmsync.store;

import com.penguinmails.crmsync.core.CrmChangeNotice;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code crm_sync.change_notices}: the changes CRMs announced on their own (webhooks, change events), stored before
 * the CRM is answered and applied from here. Writes join the caller's transaction, so a caller can store notices and
 * its own position in the CRM's stream (a Salesforce replay id) atomically.
 */
@Repository
public class ChangeNoticeStore {

    private final JdbcClient jdbc;

    public ChangeNoticeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the notices of one connection; a notice whose event id the connection has already is left out (a CRM
     * delivering an event twice).
     *
     * @return how many were new
     */
    public int store(long connectionId, List<CrmChangeNotice> notices) {
        int stored = 0;
        for (CrmChangeNotice notice : notices) {
            stored += jdbc.sql("""
                            INSERT INTO crm_sync.change_notices (connection_id, event_id, object_type, change,
                                                                 record_id, merged_record_ids, occurred_at)
                            VALUES (:connection, :event, :type, :change, :record, :merged, :occurred)
                            ON CONFLICT (connection_id, event_id) DO NOTHING""")
                    .param("connection", connectionId)
                    .param("event", notice.eventId())
                    .param("type", notice.type().name())
                    .param("change", notice.change().name())
                    .param("record", notice.recordId())
                    .param("merged", notice.mergedRecordIds().toArray(String[]::new))
                    .param("occurred", Timestamp.from(notice.occurredAt()))
                    .update();
        }
        return stored;
    }
}
