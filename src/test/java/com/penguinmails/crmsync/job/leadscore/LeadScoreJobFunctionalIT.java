package com.penguinmails.crmsync.job.leadscore;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.demo.DemoDataSeeder;
import com.penguinmails.crmsync.demo.DemoPlan;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.store.WatermarkStore;
import com.penguinmails.crmsync.testing.SyncJobIT;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The lead-score job on real data, run after run: scores, watermarks, marks for outbound sync. The late-commit window
 * is off here, so each run reads exactly the events after its watermark ({@link LeadScoreLateCommitIT} has it on).
 */
@SpringBootTest(properties = {"crmsync.lead-score.chunk-size=40", "crmsync.lead-score.late-commit-window=PT0S"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeadScoreJobFunctionalIT extends SyncJobIT {

    static final Instant ANCHOR = Instant.parse("2026-11-01T00:00:00Z");
    static final List<String> TENANTS = List.of("acme-robotics", "globex", "initech");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "lead_score_functional");
    }

    @Autowired
    DemoDataSeeder seeder;
    @Autowired
    WatermarkStore watermarks;
    @Autowired
    LeadScoreProperties properties;

    @BeforeAll
    void seed() {
        seeder.seed(new DemoPlan(TENANTS, 150, 4, 7, ANCHOR));
    }

    private JobExecution run(Instant asOf) {
        return runner.run(LeadScoreJobConfiguration.JOB_NAME, new RunParameters(List.of(), Shard.ALL, 2, asOf));
    }

    @Test
    @Order(1)
    void aFirstRunScoresEveryContactOfEveryTenantAsAnIndependentComputationDoes() {
        // given
        Instant asOf = ANCHOR.plusSeconds(86_400);
        // when
        JobExecution execution = run(asOf);
        // then
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(partitions(execution)).containsOnlyKeys("tenant-acme-robotics", "tenant-globex", "tenant-initech");
        partitions(execution).values().forEach(p -> {
            assertThat(p.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(p.getReadCount()).isEqualTo(150);
            assertThat(p.getCommitCount()).isGreaterThanOrEqualTo(4); // 40 per chunk
        });
        for (String tenant : TENANTS) {
            var expected = ReferenceScores.expected(jdbc, tenant, properties.defaultModel(), asOf);
            assertThat(ReferenceScores.actual(jdbc, tenant)).isEqualTo(expected);
            assertThat(expected.values()).anyMatch(score -> score > 0);
        }
    }

    @Test
    @Order(2)
    void watermarksMoveToTheNewestEventAndChangedContactsAreMarkedForOutboundSync() {
        for (String tenant : TENANTS) {
            long newest = jdbc.sql("SELECT max(id) FROM penguinmails.engagement_events WHERE tenant_id = :t")
                    .param("t", tenant).query(Long.class).single();
            assertThat(watermarks.numericPosition(tenant, null, LeadScoreJobConfiguration.EVENTS_STREAM))
                    .isEqualTo(newest);
            long scored = jdbc.sql("SELECT count(*) FROM penguinmails.contacts WHERE tenant_id = :t AND lead_score > 0")
                    .param("t", tenant).query(Long.class).single();
            long marked = jdbc.sql("""
                            SELECT count(*) FROM crm_sync.contact_changes
                            WHERE tenant_id = :t AND 'lead_score' = ANY(reasons)""")
                    .param("t", tenant).query(Long.class).single();
            assertThat(marked).isEqualTo(scored);
        }
    }

    @Test
    @Order(3)
    void aRunWithNoNewEventsReadsNothing() {
        // when
        JobExecution execution = run(ANCHOR.plusSeconds(2 * 86_400));
        // then
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(partitions(execution).values()).allSatisfy(p -> assertThat(p.getReadCount()).isZero());
    }

    @Test
    @Order(4)
    void aNewEventRescoresOnlyItsContactAndMarksItAgain() {
        // given
        long contact = jdbc.sql("SELECT min(id) FROM penguinmails.contacts WHERE tenant_id = 'globex'")
                .query(Long.class).single();
        long seqBefore = jdbc.sql("SELECT change_seq FROM crm_sync.contact_changes WHERE contact_id = :c")
                .param("c", contact).query(Long.class).optional().orElse(0L);
        Instant asOf = ANCHOR.plusSeconds(3 * 86_400);
        jdbc.sql("""
                        INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, message_id, event_type, occurred_at)
                        VALUES ('globex', :c, 'msg-new', 'reply', :at)""")
                .param("c", contact).param("at", OffsetDateTime.ofInstant(asOf.minusSeconds(60), ZoneOffset.UTC))
                .update();
        // when
        JobExecution execution = run(asOf);
        // then
        Map<String, StepExecution> partitions = partitions(execution);
        assertThat(partitions.get("tenant-globex").getReadCount()).isEqualTo(1);
        assertThat(partitions.get("tenant-globex").getWriteCount()).isEqualTo(1);
        assertThat(partitions.get("tenant-acme-robotics").getReadCount()).isZero();
        int expected = ReferenceScores.expected(jdbc, "globex", properties.defaultModel(), asOf).get(contact);
        assertThat(ReferenceScores.actual(jdbc, "globex").get(contact)).isEqualTo(expected);
        long seqAfter = jdbc.sql("SELECT change_seq FROM crm_sync.contact_changes WHERE contact_id = :c")
                .param("c", contact).query(Long.class).single();
        assertThat(seqAfter).isGreaterThan(seqBefore);
    }

    @Test
    @Order(5)
    void aTenantsOwnWeightsOverrideTheDefaults() {
        // given
        jdbc.sql("""
                        INSERT INTO crm_sync.lead_score_settings (tenant_id, weights, half_life_days)
                        VALUES ('initech', '{"sent": 0, "open": 0, "click": 0, "reply": 0, "bounce": 0,
                                             "unsubscribe": 0}', 10)""").update();
        jdbc.sql("""
                        INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, message_id, event_type, occurred_at)
                        SELECT 'initech', id, 'msg-late', 'open', TIMESTAMPTZ '2026-11-04T00:00:00Z'
                        FROM penguinmails.contacts WHERE tenant_id = 'initech'""").update();
        // when
        JobExecution execution = run(ANCHOR.plusSeconds(4 * 86_400));
        // then: every initech contact now scores 0 under its all-zero weights
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(ReferenceScores.actual(jdbc, "initech").values()).containsOnly(0);
    }
}
