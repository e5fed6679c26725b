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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A partition that fails in its middle, and the restart that resumes it from its last committed chunk. */
@SpringBootTest(properties = "crmsync.lead-score.chunk-size=25")
class LeadScoreRestartIT extends SyncJobIT {

    static final Instant ANCHOR = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant AS_OF = ANCHOR.plusSeconds(3600);
    static final List<String> TENANTS = List.of("acme-robotics", "globex", "initech");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "lead_score_restart");
    }

    @Autowired
    DemoDataSeeder seeder;
    @Autowired
    WatermarkStore watermarks;
    @Autowired
    LeadScoreProperties properties;

    @Test
    void aRestartResumesTheFailedPartitionAfterItsLastCommittedChunkAndEndsWithTheUninterruptedScores() {
        // given: 100 contacts per tenant; globex's 60th contact cannot be written (its third chunk fails)
        seeder.seed(new DemoPlan(TENANTS, 100, 3, 11, ANCHOR));
        long poisoned = jdbc.sql("SELECT id FROM penguinmails.contacts WHERE tenant_id = 'globex' ORDER BY id OFFSET 59 LIMIT 1")
                .query(Long.class).single();
        jdbc.sql("""
                CREATE FUNCTION pg_temp_fail() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'simulated outage while writing contact %', NEW.id; END $$""").update();
        jdbc.sql("CREATE TRIGGER fail_once BEFORE UPDATE OF lead_score ON penguinmails.contacts FOR EACH ROW "
                + "WHEN (NEW.id = " + poisoned + ") EXECUTE FUNCTION pg_temp_fail()").update();
        RunParameters parameters = new RunParameters(List.of(), Shard.ALL, 3, AS_OF);

        // when
        JobExecution failed = runner.run(LeadScoreJobConfiguration.JOB_NAME, parameters);

        // then: the other tenants completed and moved their watermark; globex kept its two committed chunks
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        Map<String, StepExecution> first = partitions(failed);
        assertThat(first.get("tenant-acme-robotics").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(first.get("tenant-initech").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepExecution globex = first.get("tenant-globex");
        assertThat(globex.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(globex.getCommitCount()).isEqualTo(2);
        long fiftieth = jdbc.sql("SELECT id FROM penguinmails.contacts WHERE tenant_id = 'globex' ORDER BY id OFFSET 49 LIMIT 1")
                .query(Long.class).single();
        assertThat(globex.getExecutionContext().getLong(ContactEngagementReader.LAST_CONTACT_ID)).isEqualTo(fiftieth);
        assertThat(watermarks.position("globex", null, LeadScoreJobConfiguration.EVENTS_STREAM)).isEmpty();
        assertThat(watermarks.position("initech", null, LeadScoreJobConfiguration.EVENTS_STREAM)).isPresent();

        // when: the outage is over and the operator restarts the execution
        jdbc.sql("DROP TRIGGER fail_once ON penguinmails.contacts").update();
        JobExecution restarted = runner.restart(failed.getId(), false);

        // then: same job instance, only globex ran, from contact 51 on: nothing was read twice
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
        Map<String, StepExecution> second = partitions(restarted);
        assertThat(second).containsOnlyKeys("tenant-globex");
        assertThat(second.get("tenant-globex").getReadCount()).isEqualTo(50);
        for (String tenant : TENANTS) {
            assertThat(ReferenceScores.actual(jdbc, tenant))
                    .as("scores of %s", tenant)
                    .isEqualTo(ReferenceScores.expected(jdbc, tenant, properties.defaultModel(), AS_OF));
        }
        assertThat(watermarks.position("globex", null, LeadScoreJobConfiguration.EVENTS_STREAM)).isPresent();
    }
}
