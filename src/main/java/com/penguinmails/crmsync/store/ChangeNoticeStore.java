package com.penguinmails.crmsync.store;

import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.metrics.SyncMetrics;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code crm_sync.change_notices}: the changes CRMs announced on their own (webhooks, change events), stored before
 * the CRM is answered and applied from here. Writes join the caller's transaction, so a caller can store notices and
 * its own position in the CRM's stream (a Salesforce replay id) atomically.
 */
@Repository
public class ChangeNoticeStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final SyncMetrics metrics;

    public ChangeNoticeStore(JdbcClient jdbc, SyncMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    /**
     * Stores the notices of one connection; a notice whose event id the connection has already is left out (a CRM
     * delivering an event twice).
     *
     * @return how many were new
     */
    public int store(long connectionId, List<CrmChangeNotice> notices) {
        if (notices.isEmpty()) {
            return 0;
        }
        // one statement for the whole delivery, rows in the order given (their ids are the order they are applied in)
        return jdbc.sql("""
                        INSERT INTO crm_sync.change_notices (connection_id, event_id, object_type, change, record_id,
                                                             merged_record_ids, occurred_at)
                        SELECT :connection, n.event, n.type, n.change, n.record,
                               ARRAY(SELECT jsonb_array_elements_text(n.merged)), n.occurred
                        FROM unnest(CAST(:event AS text[]), CAST(:type AS text[]), CAST(:change AS text[]),
                                    CAST(:record AS text[]), CAST(:merged AS jsonb[]),
                                    CAST(:occurred AS timestamptz[]))
                             WITH ORDINALITY AS n(event, type, change, record, merged, occurred, position)
                        ORDER BY n.position
                        ON CONFLICT (connection_id, event_id) DO NOTHING""")
                .param("connection", connectionId)
                .param("event", notices.stream().map(CrmChangeNotice::eventId).toArray(String[]::new))
                .param("type", notices.stream().map(n -> n.type().name()).toArray(String[]::new))
                .param("change", notices.stream().map(n -> n.change().name()).toArray(String[]::new))
                .param("record", notices.stream().map(CrmChangeNotice::recordId).toArray(String[]::new))
                .param("merged", notices.stream().map(n -> JSON.writeValueAsString(n.mergedRecordIds()))
                        .toArray(String[]::new))
                .param("occurred", notices.stream().map(n -> n.occurredAt().toString()).toArray(String[]::new))
                .update();
    }

    /** A stored notice still to be applied: its row id (the order it was stored in) and the notice. */
    public record Pending(long id, CrmChangeNotice notice) {
    }

    /** The connection's notices not applied yet, oldest first, at most {@code limit}. */
    public List<Pending> pending(long connectionId, int limit) {
        return jdbc.sql("""
                        SELECT id, event_id, object_type, change, record_id, merged_record_ids, occurred_at
                        FROM crm_sync.change_notices
                        WHERE connection_id = :connection AND applied_at IS NULL
                        ORDER BY id LIMIT :limit""")
                .param("connection", connectionId)
                .param("limit", limit)
                .query(ChangeNoticeStore::pending)
                .list();
    }

    /** Whether the connection has notices not applied yet. */
    public boolean hasPending(long connectionId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM crm_sync.change_notices
                                       WHERE connection_id = :connection AND applied_at IS NULL)""")
                .param("connection", connectionId)
                .query(Boolean.class)
                .single();
    }

    /** The connections that have notices not applied yet. */
    public List<Long> connectionsWithPending() {
        return jdbc.sql("""
                        SELECT DISTINCT connection_id FROM crm_sync.change_notices
                        WHERE applied_at IS NULL ORDER BY connection_id""")
                .query(Long.class)
                .list();
    }

    /**
     * Marks notices applied (or given up on: their record went to the error table); each one's time from received
     * to applied goes to {@link SyncMetrics#noticeApplied}.
     */
    public int markApplied(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<Applied> applied = jdbc.sql("""
                        UPDATE crm_sync.change_notices n SET applied_at = now()
                        FROM crm_sync.connections c
                        WHERE n.id = ANY (:ids) AND n.applied_at IS NULL AND c.id = n.connection_id
                        RETURNING c.tenant_id, c.crm, c.id, extract(epoch FROM now() - n.received_at) AS seconds""")
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, n) -> new Applied(new SyncMetrics.ConnectionTags(rs.getString("tenant_id"),
                        rs.getString("crm"), rs.getLong("id")),
                        Duration.ofMillis(Math.round(rs.getDouble("seconds") * 1000))))
                .list();
        applied.forEach(notice -> metrics.noticeApplied(notice.connection(), notice.latency()));
        return applied.size();
    }

    private record Applied(SyncMetrics.ConnectionTags connection, Duration latency) {
    }

    /**
     * Counts a failed attempt on notices that stay pending, with why (one line for operators, no personal data).
     */
    public int markFailed(Collection<Long> ids, String reason) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE crm_sync.change_notices SET attempts = attempts + 1, last_failure = :reason
                        WHERE id = ANY (:ids) AND applied_at IS NULL""")
                .param("ids", ids.toArray(Long[]::new))
                .param("reason", reason)
                .update();
    }

    /** How many notices a connection has, pending and applied. */
    public record Counts(long pending, long applied) {
    }

    /** The connection's notice counts. */
    public Counts counts(long connectionId) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE applied_at IS NULL) AS pending,
                               count(*) FILTER (WHERE applied_at IS NOT NULL) AS applied
                        FROM crm_sync.change_notices WHERE connection_id = :connection""")
                .param("connection", connectionId)
                .query((rs, row) -> new Counts(rs.getLong("pending"), rs.getLong("applied")))
                .single();
    }

    private static Pending pending(ResultSet rs, int row) throws SQLException {
        Array merged = rs.getArray("merged_record_ids");
        List<String> mergedIds = merged == null ? List.of() : Arrays.asList((String[]) merged.getArray());
        CrmChangeNotice notice = new CrmChangeNotice(rs.getString("event_id"),
                ObjectType.valueOf(rs.getString("object_type")),
                CrmChangeNotice.Change.valueOf(rs.getString("change")), rs.getString("record_id"), mergedIds,
                rs.getTimestamp("occurred_at").toInstant());
        return new Pending(rs.getLong("id"), notice);
    }
}
