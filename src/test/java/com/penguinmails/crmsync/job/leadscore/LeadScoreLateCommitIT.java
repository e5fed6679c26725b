package com.penguinmails.crmsync.job.leadscore;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.demo.DemoDataSeeder;
import com.penguinmails.crmsync.demo.DemoPlan;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.store.WatermarkStore;
import com.penguinmails.crmsync.testing.SyncJobIT;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An engagement event whose transaction commits after a run has read past its id (ids are handed out when a row is
 * inserted, not when it commits) is scored by the next run, through the late-commit window.
 */
@SpringBootTest
class LeadScoreLateCommitIT extends SyncJobIT {

    static final Instant ANCHOR = Instant.parse("2026-11-01T00:00:00Z");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "lead_score_late_commit");
    }

    @Autowired
    DemoDataSeeder seeder;
    @Autowired
    DataSource dataSource;
    @Autowired
    WatermarkStore watermarks;
    @Autowired
    LeadScoreProperties properties;

    @Test
    void anEventCommittedAfterALaterEventWasScoredIsScoredByTheNextRun() throws Exception {
        // given: a scored tenant
        seeder.seed(new DemoPlan(List.of("globex"), 20, 2, 5, ANCHOR));
        assertThat(run(ANCHOR.plusSeconds(86_400))).isEqualTo(BatchStatus.COMPLETED);
        long late = contact("min");
        long early = contact("max");
        int lateBefore = score(late);

        // when: a reply is inserted in a transaction that stays open while a later event commits and a run scores it
        Instant asOf = ANCHOR.plusSeconds(2 * 86_400);
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            insertReply(slow, late, asOf.minusSeconds(120));
            jdbc.sql("""
                            INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, message_id, event_type, occurred_at)
                            VALUES ('globex', :c, 'msg-early', 'reply', :at)""")
                    .param("c", early).param("at", Timestamp.from(asOf.minusSeconds(60))).update();
            assertThat(run(asOf)).isEqualTo(BatchStatus.COMPLETED);
            long newest = jdbc.sql("SELECT max(id) FROM penguinmails.engagement_events WHERE tenant_id = 'globex'")
                    .query(Long.class).single();
            assertThat(watermarks.numericPosition("globex", null, LeadScoreJobConfiguration.EVENTS_STREAM))
                    .as("the watermark passed the id of the reply not committed yet").isEqualTo(newest);
            slow.commit();
        }
        Instant next = asOf.plusSeconds(1);
        assertThat(run(next)).isEqualTo(BatchStatus.COMPLETED);

        // then: the late reply counts in its contact's score, as an independent computation says
        int expected = ReferenceScores.expected(jdbc, "globex", properties.defaultModel(), next).get(late);
        assertThat(expected).isGreaterThan(lateBefore);
        assertThat(score(late)).isEqualTo(expected);
    }

    private BatchStatus run(Instant asOf) {
        return runner.run(LeadScoreJobConfiguration.JOB_NAME, new RunParameters(List.of(), Shard.ALL, 1, asOf))
                .getStatus();
    }

    private long contact(String which) {
        return jdbc.sql("SELECT " + which + "(id) FROM penguinmails.contacts WHERE tenant_id = 'globex'")
                .query(Long.class).single();
    }

    private int score(long contact) {
        return jdbc.sql("SELECT lead_score FROM penguinmails.contacts WHERE id = :c").param("c", contact)
                .query(Integer.class).single();
    }

    private static void insertReply(Connection connection, long contact, Instant at) throws Exception {
        try (PreparedStatement st = connection.prepareStatement("""
                INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, message_id, event_type, occurred_at)
                VALUES ('globex', ?, 'msg-late', 'reply', ?)""")) {
            st.setLong(1, contact);
            st.setTimestamp(2, Timestamp.from(at));
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }
}
