package com.penguinmails.crmsync.job.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * contact-sync with a Pipedrive tenant, run after run: persons Pipedrive deleted are found by probing the links
 * (its lists hide them) and their links closed; a backfill {@code --since} reads only what changed since then, on
 * both sides. The probe asks about 12 links per run, 5 at a time, so 30 persons take three runs.
 */
@SpringBootTest(properties = {"crmsync.contact-sync.chunk-size=7",
        "crmsync.contact-sync.deletion-probe.ids-per-run=12", "crmsync.contact-sync.deletion-probe.page-size=5"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactSyncPipedriveBackfillAndDeletesIT extends SyncJobIT {

    private static final String PERSONS = "GET /api/v2/persons";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "contact_sync_pd_backfill");
    }


    @AutoClose
    CrmDriver pipedrive;
    long connection;

    @BeforeAll
    void connect() {
        pipedrive = CrmDriver.start(PipedriveConnectorProvider.KIND, 30);
        tenant("globex", "Globex");
        connection = pipedrive.connect(registry, "globex", "globex-pd");
    }

    @Test
    @Order(1)
    void aPersonDeletedInPipedriveHasItsLinkClosedAndAudited() throws Exception {
        // given: synced, and one linked person deleted in Pipedrive
        assertThat(sync().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("SELECT count(*) FROM crm_sync.record_links WHERE deleted_at IS NULL AND pm_entity = 'contact'")).isEqualTo(30);
        String deleted = liveCrmIds().get(3);
        send("DELETE", "/api/v2/persons/" + deleted, null);

        // when: at most three runs bring the probe round to it (12 of 30 links a run)
        for (int run = 0; run < 3 && !closed(deleted); run++) {
            assertThat(sync().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        }

        // then
        assertThat(closed(deleted)).isTrue();
        assertThat(count("SELECT count(*) FROM crm_sync.record_links WHERE deleted_at IS NOT NULL "
                + "AND pm_entity = 'contact'")).isEqualTo(1);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM crm_sync.sync_audit
                        WHERE action = 'crm_deleted' AND details -> 'crmIds' @> jsonb_build_array(CAST(:id AS text))""")
                .param("id", deleted).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void anUnchangedRunProbesALimitedSliceButWritesNothing() {
        // given
        long audit = count("SELECT count(*) FROM crm_sync.sync_audit");
        long calls = pipedrive.server().stats().requests(PERSONS);
        String position = probePosition();
        Instant before = now();

        // when
        assertThat(sync().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then: the feed (one list) and 12 ids asked about, 5 per list call: 3 calls, 4 when the rotation wraps
        // round mid-page; nothing written
        assertThat(pipedrive.server().stats().requests(PERSONS) - calls).isBetween(1L + 3, 1L + 4);
        assertThat(count("SELECT count(*) FROM crm_sync.sync_audit")).isEqualTo(audit);
        assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.record_links WHERE synced_at > :b").param("b",
                before.atOffset(java.time.ZoneOffset.UTC)).query(Long.class).single()).isZero();
        assertThat(probePosition()).as("the rotation moved on").isNotEqualTo(position);
    }

    @Test
    @Order(3)
    void aBackfillSinceReadsOnlyPersonsChangedSinceThenAndPushesOnlyContactsMarkedSinceThen() throws Exception {
        // given: an hour later (sandbox time), one person edited in Pipedrive; one contact marked before and one after
        pipedrive.server().clock().advance(Duration.ofHours(1));
        Instant since = pipedrive.server().clock().instant();
        String edited = liveCrmIds().get(0);
        send("PATCH", "/api/v2/persons/" + edited, "{\"name\": \"Since Edited\"}");
        List<Long> contacts = jdbc.sql("""
                        SELECT l.pm_id FROM crm_sync.record_links l
                        WHERE l.deleted_at IS NULL AND l.pm_entity = 'contact' ORDER BY l.pm_id LIMIT 2""").query(Long.class).list();
        jdbc.sql("UPDATE penguinmails.contacts SET lead_score = 41 WHERE id = ANY(CAST(:ids AS bigint[]))")
                .param("ids", contacts.toArray(Long[]::new)).update();
        changes.markChanged("globex", List.of(contacts.get(0)), "lead_score");
        jdbc.sql("UPDATE crm_sync.contact_changes SET changed_at = :t WHERE contact_id = :c")
                .param("t", since.minus(Duration.ofMinutes(5)).atOffset(java.time.ZoneOffset.UTC))
                .param("c", contacts.get(0)).update();
        changes.markChanged("globex", List.of(contacts.get(1)), "lead_score");
        jdbc.sql("UPDATE crm_sync.contact_changes SET changed_at = :t WHERE contact_id = :c")
                .param("t", since.plusSeconds(1).atOffset(java.time.ZoneOffset.UTC))
                .param("c", contacts.get(1)).update();

        // when
        JobExecution backfill = runner.run(ContactSyncJobConfiguration.JOB_NAME, new RunParameters(List.of(),
                List.of(connection), Shard.ALL, 1, Instant.now(), "both", false, since));

        // then: the one person edited since then came in (the 29 older ones were not read again) ...
        assertThat(backfill.getStatus()).as("%s", backfill.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(readCount(backfill, "contactInboundConnectionStep")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT c.first_name FROM penguinmails.contacts c JOIN crm_sync.record_links l "
                + "ON l.pm_id = c.id AND l.crm_id = :id AND l.pm_entity = 'contact'").param("id", edited).query(String.class).single())
                .isEqualTo("Since");
        // ... and only the contact marked since then went out
        assertThat(readCount(backfill, "contactOutboundConnectionStep")).isEqualTo(1);
        assertThat(backfill.getJobParameters().getString(RunParameters.SINCE)).isEqualTo(since.toString());
    }

    private JobExecution sync() {
        return run(ContactSyncJobConfiguration.JOB_NAME, 1, "globex");
    }

    private static long readCount(JobExecution execution, String step) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().startsWith(step + ":"))
                .mapToLong(s -> s.getReadCount()).sum();
    }

    private List<String> liveCrmIds() {
        return jdbc.sql("SELECT crm_id FROM crm_sync.record_links WHERE deleted_at IS NULL AND pm_entity = 'contact' "
                + "ORDER BY crm_id")
                .query(String.class).list();
    }

    private boolean closed(String crmId) {
        return jdbc.sql("SELECT deleted_at IS NOT NULL FROM crm_sync.record_links WHERE crm_id = :id "
                + "AND pm_entity = 'contact'")
                .param("id", crmId).query(Boolean.class).single();
    }

    private String probePosition() {
        return jdbc.sql("SELECT position FROM crm_sync.watermarks WHERE stream = 'contact-sync.deletion-probe.CONTACT'")
                .query(String.class).single();
    }

    private Instant now() {
        return jdbc.sql("SELECT now()").query(java.time.OffsetDateTime.class).single().toInstant();
    }

    private void send(String method, String path, @Nullable String json) throws Exception {
        pipedrive.call(method, path, json);
    }
}
