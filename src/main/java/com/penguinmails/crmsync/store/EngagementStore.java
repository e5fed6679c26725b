package com.penguinmails.crmsync.store;

import com.penguinmails.crmsync.core.ContactEngagement;
import com.penguinmails.crmsync.core.Engagement;
import com.penguinmails.crmsync.core.EventType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads {@code penguinmails.engagement_events}. */
@Repository
public class EngagementStore {

    private final JdbcClient jdbc;

    public EngagementStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest event id of a tenant, 0 when it has none. */
    public long maxEventId(String tenantId) {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM penguinmails.engagement_events WHERE tenant_id = :t")
                .param("t", tenantId)
                .query(Long.class)
                .single();
    }

    /**
     * The active connections whose event watermark {@code stream} (one that exists: the connection's engagement
     * sync ran once) is below their tenant's newest event.
     */
    public List<Long> connectionsWithNewEvents(String stream) {
        return jdbc.sql("""
                        SELECT c.id FROM crm_sync.connections c
                        JOIN crm_sync.watermarks w ON w.tenant_id = c.tenant_id AND w.connection_id = c.id
                                                  AND w.stream = :stream
                        WHERE c.status = 'active' AND EXISTS (
                              SELECT 1 FROM penguinmails.engagement_events e
                              WHERE e.tenant_id = c.tenant_id AND e.id > CAST(w.position AS bigint))
                        ORDER BY c.id""")
                .param("stream", stream)
                .query(Long.class).list();
    }

    /**
     * The smallest id of the tenant's events inserted within {@code window} of now, 0 when none: a reader that
     * starts just below it sees again the events of transactions that took their id before the newest one but
     * committed after a run had read past them.
     */
    public long firstEventInsertedWithin(String tenantId, java.time.Duration window) {
        return jdbc.sql("""
                        SELECT coalesce(min(id), 0) FROM penguinmails.engagement_events
                        WHERE tenant_id = :t AND created_at > now() - make_interval(secs => :s)""")
                .param("t", tenantId).param("s", (double) window.toSeconds())
                .query(Long.class)
                .single();
    }

    /**
     * The next {@code limit} contacts of a tenant, by id after {@code afterContactId}, that have an event with an id in
     * {@code (fromEventId, toEventId]}; each with all its engagement up to {@code toEventId} and {@code asOf}, one
     * entry per message and event type (the latest). One query per page.
     */
    public List<ContactEngagement> contactsWithNewEvents(String tenantId, long fromEventId, long toEventId,
                                                         Instant asOf, long afterContactId, int limit) {
        Map<Long, Integer> scores = new LinkedHashMap<>();
        Map<Long, List<Engagement>> engagements = new LinkedHashMap<>();
        jdbc.sql("""
                        WITH page AS (
                            SELECT c.id, c.lead_score FROM penguinmails.contacts c
                            WHERE c.tenant_id = :tenant AND c.id > :after
                              AND EXISTS (SELECT 1 FROM penguinmails.engagement_events n
                                          WHERE n.contact_id = c.id AND n.id > :from AND n.id <= :to)
                            ORDER BY c.id
                            LIMIT :limit)
                        SELECT p.id, p.lead_score, e.message_id, e.event_type, max(e.occurred_at) AS occurred_at
                        FROM page p
                        LEFT JOIN penguinmails.engagement_events e
                          ON e.contact_id = p.id AND e.id <= :to AND e.occurred_at <= :asOf
                        GROUP BY p.id, p.lead_score, e.message_id, e.event_type
                        ORDER BY p.id, e.message_id, e.event_type""")
                .param("tenant", tenantId)
                .param("after", afterContactId)
                .param("from", fromEventId)
                .param("to", toEventId)
                .param("asOf", OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC))
                .param("limit", limit)
                .query(rs -> {
                    long id = rs.getLong("id");
                    scores.putIfAbsent(id, rs.getInt("lead_score"));
                    List<Engagement> list = engagements.computeIfAbsent(id, k -> new ArrayList<>());
                    String messageId = rs.getString("message_id");
                    if (messageId != null) { // null: no event up to asOf (a page keeps every contact it found)
                        list.add(new Engagement(messageId, EventType.fromDbValue(rs.getString("event_type")),
                                rs.getObject("occurred_at", OffsetDateTime.class).toInstant()));
                    }
                });
        List<ContactEngagement> page = new ArrayList<>(scores.size());
        scores.forEach((id, score) -> page.add(new ContactEngagement(id, score, engagements.get(id))));
        return page;
    }
}
