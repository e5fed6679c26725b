package com.penguinmails.crmsync.job.leadscore;

import com.penguinmails.crmsync.core.EventType;
import com.penguinmails.crmsync.core.LeadScoreModel;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lead scores computed a second, independent way, entirely in SQL, from the same events: what an uninterrupted run
 * as of {@code asOf} must leave in {@code penguinmails.contacts.lead_score}.
 */
final class ReferenceScores {

    private ReferenceScores() {
    }

    static Map<Long, Integer> expected(JdbcClient jdbc, String tenantId, LeadScoreModel model, Instant asOf) {
        StringBuilder weights = new StringBuilder();
        for (EventType type : EventType.values()) {
            weights.append(weights.isEmpty() ? "" : ", ")
                    .append("('").append(type.dbValue()).append("', ").append(model.weight(type)).append("::float8)");
        }
        Map<Long, Integer> scores = new HashMap<>();
        jdbc.sql("""
                        SELECT c.id, greatest(0, least(100, round(coalesce(sum(w.weight * power(0.5::float8,
                                   extract(epoch FROM (CAST(:asOf AS timestamptz) - x.at))::float8 / 86400.0
                                   / CAST(:halfLife AS float8))), 0)::numeric)))::int AS score
                        FROM penguinmails.contacts c
                        LEFT JOIN (SELECT contact_id, message_id, event_type, max(occurred_at) AS at
                                   FROM penguinmails.engagement_events
                                   WHERE occurred_at <= CAST(:asOf AS timestamptz)
                                   GROUP BY contact_id, message_id, event_type) x ON x.contact_id = c.id
                        LEFT JOIN (VALUES %s) AS w(type, weight) ON w.type = x.event_type
                        WHERE c.tenant_id = :tenant
                        GROUP BY c.id""".formatted(weights))
                .param("asOf", OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC))
                .param("halfLife", model.halfLifeDays())
                .param("tenant", tenantId)
                .query(rs -> {
                    scores.put(rs.getLong(1), rs.getInt(2));
                });
        return scores;
    }

    static Map<Long, Integer> actual(JdbcClient jdbc, String tenantId) {
        Map<Long, Integer> scores = new HashMap<>();
        jdbc.sql("SELECT id, lead_score FROM penguinmails.contacts WHERE tenant_id = :t")
                .param("t", tenantId)
                .query(rs -> {
                    scores.put(rs.getLong(1), rs.getInt(2));
                });
        return scores;
    }
}
