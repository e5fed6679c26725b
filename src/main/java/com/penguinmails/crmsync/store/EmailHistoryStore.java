package com.penguinmails.crmsync.store;

import com.penguinmails.crmsync.core.EmailEvent;
import com.penguinmails.crmsync.core.EmailHistory;
import com.penguinmails.crmsync.core.EventType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads {@code penguinmails.engagement_events} as e-mails: which e-mails have events in an id range, and each
 * e-mail's whole history up to a point of the log, for engagement-sync. Every query is bound to one tenant.
 */
@Repository
public class EmailHistoryStore {

    private final JdbcClient jdbc;

    public EmailHistoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A page of the event log: the e-mails with events among the next {@code limit} events of a tenant with an id in
     * {@code (afterEventId, toEventId]} that occurred at or after {@code notBefore}, each with its history up to
     * {@code toEventId}, in the order of their first event in the page.
     *
     * @param lastEventId the id of the page's last event (where the next page starts)
     * @param full        whether the page held {@code limit} events (there may be more)
     */
    public record EventPage(List<EmailHistory> emails, long lastEventId, boolean full) {
    }

    public EventPage newEvents(String tenantId, long afterEventId, long toEventId, Instant notBefore, int limit) {
        Map<EmailHistory.Key, List<Long>> newIds = new LinkedHashMap<>();
        long[] last = {afterEventId};
        int[] count = {0};
        jdbc.sql("""
                        SELECT id, contact_id, message_id FROM penguinmails.engagement_events
                        WHERE tenant_id = :t AND id > :after AND id <= :to AND occurred_at >= :since
                        ORDER BY id LIMIT :limit""")
                .param("t", tenantId).param("after", afterEventId).param("to", toEventId)
                .param("since", OffsetDateTime.ofInstant(notBefore, ZoneOffset.UTC)).param("limit", limit)
                .query(rs -> {
                    long id = rs.getLong("id");
                    newIds.computeIfAbsent(new EmailHistory.Key(rs.getLong("contact_id"), rs.getString("message_id")),
                            k -> new ArrayList<>()).add(id);
                    last[0] = id;
                    count[0]++;
                });
        List<EmailHistory> emails = histories(tenantId, newIds.keySet(), toEventId).stream()
                .map(h -> new EmailHistory(h.contactId(), h.messageId(), h.campaignName(), h.subject(), h.events(),
                        newIds.get(h.key())))
                .toList();
        return new EventPage(emails, count[0] < limit ? toEventId : last[0], count[0] == limit);
    }

    /**
     * The histories of these e-mails up to {@code toEventId}, in the given order; every event is new. An e-mail with
     * no event in that range (or of another tenant) is left out.
     */
    public List<EmailHistory> histories(String tenantId, Collection<EmailHistory.Key> keys, long toEventId) {
        if (keys.isEmpty()) {
            return List.of();
        }
        record Row(EmailHistory.Key key, String campaignName, String subject, EmailEvent event) {
        }
        Map<EmailHistory.Key, List<Row>> rows = new LinkedHashMap<>();
        keys.forEach(k -> rows.put(k, new ArrayList<>()));
        jdbc.sql("""
                        SELECT k.contact_id, k.message_id, e.id, e.event_type, e.occurred_at, e.url,
                               e.detail->>'reason' AS reason, c.name AS campaign_name, c.subject
                        FROM unnest(CAST(:contacts AS bigint[]), CAST(:messages AS text[]))
                             WITH ORDINALITY AS k(contact_id, message_id, ord)
                        JOIN penguinmails.engagement_events e
                          ON e.contact_id = k.contact_id AND e.message_id = k.message_id
                         AND e.tenant_id = :t AND e.id <= :to
                        LEFT JOIN penguinmails.campaigns c ON c.id = e.campaign_id AND c.tenant_id = e.tenant_id
                        ORDER BY k.ord, e.id""")
                .param("contacts", keys.stream().map(EmailHistory.Key::contactId).toArray(Long[]::new))
                .param("messages", keys.stream().map(EmailHistory.Key::messageId).toArray(String[]::new))
                .param("t", tenantId).param("to", toEventId)
                .query(rs -> {
                    var key = new EmailHistory.Key(rs.getLong("contact_id"), rs.getString("message_id"));
                    rows.get(key).add(new Row(key, rs.getString("campaign_name"), rs.getString("subject"),
                            new EmailEvent(rs.getLong("id"), EventType.fromDbValue(rs.getString("event_type")),
                                    rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                                    rs.getString("url"), rs.getString("reason"))));
                });
        List<EmailHistory> histories = new ArrayList<>(rows.size());
        rows.forEach((key, list) -> {
            if (!list.isEmpty()) {
                Row named = list.stream().filter(r -> r.subject() != null).findFirst().orElse(list.get(0));
                List<EmailEvent> events = list.stream().map(Row::event).toList();
                histories.add(new EmailHistory(key.contactId(), key.messageId(), named.campaignName(),
                        named.subject(), events, events.stream().map(EmailEvent::id).toList()));
            }
        });
        return histories;
    }
}
