package com.penguinmails.crmsync.job.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** contact-sync between a tenant and the HubSpot sandbox, run after run: both directions, echoes, bad records. */
@SpringBootTest(properties = {"crmsync.contact-sync.chunk-size=25", "crmsync.contact-sync.page-size=50"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactSyncHubSpotIT extends SyncJobIT {

    @AutoClose
    private static CrmDriver hubspot;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "contact_sync_hubspot");
    }

    @Autowired
    com.penguinmails.crmsync.job.support.DryRunReport dryRunReport;

    long connectionId;

    @BeforeAll
    void connect() {
        hubspot = CrmDriver.start(HubSpotConnectorProvider.KIND, 60);
        tenant("acme", "Acme");
        connectionId = hubspot.connect(registry, "acme", "hub-1");
    }

    private JobExecution sync() {
        return run(ContactSyncJobConfiguration.JOB_NAME, 2, "acme");
    }

    private JsonNode hubspot(String method, String path, String body) throws Exception {
        return hubspot.call(method, path, body);
    }

    private String firstHubSpotContactId() throws Exception {
        return hubspot("GET", "/crm/v3/objects/contacts?limit=1", null).get("results").get(0).get("id").asString();
    }

    @Test
    @Order(1)
    void aFirstSyncBringsEveryHubSpotContactIntoPenguinMailsAndLinksIt() {
        // when
        JobExecution execution = sync();

        // then
        assertThat(execution.getStatus()).as("%s", execution.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        long contacts = count("SELECT count(*) FROM penguinmails.contacts WHERE tenant_id = 'acme'");
        assertThat(contacts).isEqualTo(60);
        assertThat(count("SELECT count(*) FROM crm_sync.record_links WHERE pm_entity = 'contact' AND connection_id = "
                + connectionId))
                .isEqualTo(60);
        assertThat(count("SELECT count(*) FROM crm_sync.watermarks WHERE connection_id = " + connectionId
                + " AND stream = 'contact-sync.inbound.CONTACT'")).isEqualTo(1);
        // the calls it made are on the connection's account of the day, against HubSpot's reported quota
        assertThat(count("SELECT calls FROM crm_sync.api_usage WHERE connection_id = " + connectionId))
                .isEqualTo(hubspot.server().stats().totalRequests());
        assertThat(count("SELECT quota_limit FROM crm_sync.api_usage WHERE connection_id = " + connectionId))
                .isPositive();
    }

    @Test
    @Order(2)
    void aHubSpotEditReachesPenguinMailsOnTheNextRun() throws Exception {
        // given
        String id = firstHubSpotContactId();
        hubspot("PATCH", "/crm/v3/objects/contacts/" + id, "{\"properties\": {\"firstname\": \"Augusta\"}}");

        // when
        JobExecution execution = sync();

        // then
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("""
                        SELECT c.first_name FROM penguinmails.contacts c
                        JOIN crm_sync.record_links l ON l.pm_id = c.id AND l.pm_entity = 'contact' AND l.crm_id = :id""")
                .param("id", id).query(String.class).single()).isEqualTo("Augusta");
    }

    @Test
    @Order(3)
    void aChangedLeadScoreReachesHubSpotAndComingBackChangesNothingInPenguinMails() throws Exception {
        // given: lead-score changed three contacts' scores and marked them
        List<Long> ids = jdbc.sql("SELECT id FROM penguinmails.contacts WHERE tenant_id = 'acme' ORDER BY id LIMIT 3")
                .query(Long.class).list();
        jdbc.sql("UPDATE penguinmails.contacts SET lead_score = 77 WHERE id = ANY(CAST(:ids AS bigint[]))")
                .param("ids", ids.toArray(Long[]::new)).update();
        changes.markChanged("acme", ids, "lead_score");

        // when
        JobExecution pushed = sync();

        // then: HubSpot holds the score
        assertThat(pushed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String crmId = jdbc.sql("SELECT crm_id FROM crm_sync.record_links WHERE pm_entity = 'contact' AND pm_id = :id")
                .param("id", ids.get(0)).query(String.class).single();
        assertThat(hubspot("GET", "/crm/v3/objects/contacts/" + crmId + "?properties=penguinmails_lead_score", null)
                .get("properties").get("penguinmails_lead_score").asString()).isIn("77", "77.0");

        // when: the next run sees HubSpot's modification (our own write)
        OffsetWatch watch = new OffsetWatch();
        JobExecution echo = sync();

        // then: nothing is written back to PenguinMails
        assertThat(echo.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(watch.contactsUpdatedSince()).isZero();
    }

    @Test
    @Order(4)
    void aHubSpotContactWithoutAnEmailIsDeadLetteredAndTheRunGoesOn() throws Exception {
        // given
        hubspot("POST", "/crm/v3/objects/contacts", "{\"properties\": {\"firstname\": \"No\", \"lastname\": \"Mail\"}}");

        // when
        JobExecution execution = sync();

        // then
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT reason FROM crm_sync.sync_errors WHERE status = 'open' AND connection_id = "
                + connectionId).query(String.class).list()).anyMatch(reason -> reason.contains("e-mail"));
    }

    @Test
    @Order(5)
    void anInboundBackfillRereadsTheWholeCrmAndChangesNothingThatIsInStep() {
        // given
        OffsetWatch watch = new OffsetWatch();
        // companies and contacts, both linked
        long links = count("SELECT count(*) FROM crm_sync.record_links WHERE connection_id = " + connectionId);

        // when
        JobExecution backfill = runner.run(ContactSyncJobConfiguration.JOB_NAME, new RunParameters(List.of(),
                List.of(connectionId), Shard.ALL, 1, Instant.now(), "inbound"));

        // then: every HubSpot company and contact read again (the contact without e-mail too), none written, no
        // outbound partition
        assertThat(backfill.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long read = backfill.getStepExecutions().stream().filter(s -> s.getStepName().startsWith("contactInbound"))
                .filter(s -> s.getStepName().contains(":")).mapToLong(s -> s.getReadCount()).sum();
        assertThat(read).isEqualTo(links + 1);
        assertThat(backfill.getStepExecutions()).noneMatch(s -> s.getStepName().startsWith("contactOutboundConnection"));
        assertThat(watch.contactsUpdatedSince()).isZero();
    }

    @Test
    @Order(6)
    void aDryRunReportsWhatWouldChangeAndWritesNothing() throws Exception {
        // given: an edit waiting in HubSpot
        String id = firstHubSpotContactId();
        hubspot("PATCH", "/crm/v3/objects/contacts/" + id, "{\"properties\": {\"lastname\": \"Byron\"}}");
        String watermark = jdbc.sql("SELECT position FROM crm_sync.watermarks WHERE connection_id = :c "
                + "AND stream = 'contact-sync.inbound.CONTACT'").param("c", connectionId).query(String.class).single();
        long audit = count("SELECT count(*) FROM crm_sync.sync_audit");
        OffsetWatch watch = new OffsetWatch();

        // when
        JobExecution dry = runner.run(ContactSyncJobConfiguration.JOB_NAME, new RunParameters(List.of("acme"),
                List.of(), Shard.ALL, 1, Instant.now(), null, true));

        // then: reported, not written; the watermark did not move
        assertThat(dry.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(dryRunReport.lines(dry.getId())).anySatisfy(line -> {
            assertThat(line.action()).isEqualTo("update in penguinmails");
            assertThat(line.count()).isEqualTo(1);
            assertThat(line.sample()).containsExactly("hubspot:contact:" + id);
        });
        assertThat(watch.contactsUpdatedSince()).isZero();
        assertThat(count("SELECT count(*) FROM crm_sync.sync_audit")).isEqualTo(audit);
        assertThat(jdbc.sql("SELECT position FROM crm_sync.watermarks WHERE connection_id = :c "
                + "AND stream = 'contact-sync.inbound.CONTACT'").param("c", connectionId).query(String.class).single())
                .isEqualTo(watermark);

        // and the real run applies it
        assertThat(sync().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT c.last_name FROM penguinmails.contacts c JOIN crm_sync.record_links l "
                + "ON l.pm_id = c.id AND l.pm_entity = 'contact' AND l.crm_id = :id").param("id", id).query(String.class).single()).isEqualTo("Byron");
    }

    /** Counts PenguinMails contacts updated after it was made. */
    final class OffsetWatch {
        private final Instant since = jdbc.sql("SELECT now()").query(java.time.OffsetDateTime.class).single().toInstant();

        long contactsUpdatedSince() {
            return jdbc.sql("SELECT count(*) FROM penguinmails.contacts WHERE updated_at > :since")
                    .param("since", java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC))
                    .query(Long.class).single();
        }
    }
}
