package com.penguinmails.crmsync.store;

import com.penguinmails.crmsync.core.ScoreChange;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes {@code penguinmails.contacts.lead_score}. */
@Repository
public class ContactScoreStore {

    private final JdbcClient jdbc;

    public ContactScoreStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Sets the new scores in one statement, skipping contacts whose score already has that value (a replayed chunk),
     * and returns the ids of the contacts whose score really changed.
     */
    public List<Long> apply(List<? extends ScoreChange> changes, Instant scoredAt) {
        if (changes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        UPDATE penguinmails.contacts c
                           SET lead_score = v.score, lead_score_updated_at = :scoredAt
                          FROM unnest(CAST(:ids AS bigint[]), CAST(:scores AS integer[])) AS v(id, score)
                         WHERE c.id = v.id AND c.lead_score IS DISTINCT FROM v.score
                        RETURNING c.id""")
                .param("ids", changes.stream().map(ScoreChange::contactId).toArray(Long[]::new))
                .param("scores", changes.stream().map(ScoreChange::newScore).toArray(Integer[]::new))
                .param("scoredAt", OffsetDateTime.ofInstant(scoredAt, ZoneOffset.UTC))
                .query(Long.class)
                .list();
    }
}
