package com.penguinmails.crmsync.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.job.engagementsync.EngagementSyncJobConfiguration;
import com.penguinmails.crmsync.job.support.JobRunner;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSettings;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotWebhookSettings;
import com.penguinmails.crmsync.sandbox.pipedrive.PipedriveSandbox;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.serve.webhooksubscriptions.WebhookSubscriptionReconciler;
import com.penguinmails.crmsync.testing.ConnectionRecords;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.CrmDrivers;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Real time end to end: a real {@code crm-sync serve} (servlet on a free port, contact-sync's real-time apply, the
 * outbound listener, Pipedrive's webhook registration) with each CRM's sandbox delivering to it, after one
 * contact-sync and one engagement-sync run linked the people. A user's edit in the CRM reaches the PenguinMails
 * contact within seconds with no further run; a delete and a merge are honoured; an engagement event inserted with SQL
 * lands on the CRM timeline once; a delivery the sandbox sends twice is stored and applied once; and a contact-sync
 * run afterwards writes nothing to the CRMs and changes no contact. HubSpot and Pipedrive deliver webhooks; the
 * service subscribes to Salesforce's change events (Change Data Capture over the Pub/Sub API), which announce a merge
 * as the loser's deletion.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealtimeEndToEndIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(20);
    private static final String NAME = "e2e";

    private final TestDatabase.Database db = TestDatabase.create("realtime_e2e");
    @AutoClose
    final CrmDrivers crms = new CrmDrivers();
    private final AtomicInteger edits = new AtomicInteger();
    private final Map<CrmKind, AtomicInteger> taken = new HashMap<>();
    private ServeReplica service;
    private JdbcClient jdbc;

    @BeforeAll
    void linkThePeopleThenServe() throws Exception {
        // every HubSpot delivery is sent twice, as HubSpot may: each notice must still be stored and applied once
        HubSpotSandbox hubspot = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(12),
                HubSpotSettings.defaults().withWebhooks(HubSpotWebhookSettings.defaults().withDuplicateRate(1.0)
                        .withRetryDelayScale(0.0001)));
        for (CrmKind kind : CrmDrivers.EVERY_CRM) {
            crms.add(kind == HubSpotConnectorProvider.KIND ? CrmDriver.of(hubspot) : CrmDriver.start(kind, 12));
            taken.put(kind, new AtomicInteger());
        }
        pipedrive().webhookRetryScale(0.01);
        int port = freePort();
        Map<String, Object> settings = Map.of("crmsync.serve.port", port,
                "crmsync.serve.public-url", "http://127.0.0.1:" + port,
                "crmsync.serve.hubspot.client-secret", ((Map<?, ?>) hubspot.info().get("webhooks")).get("clientSecret"),
                "crmsync.serve.outbound.poll-timeout", "PT0.2S",
                "crmsync.serve.outbound.busy-retry", "PT0.3S",
                "crmsync.serve.change-stream.claim-interval", "PT0.5S");
        Path keyset = Files.createTempDirectory("realtime-e2e").resolve("keyset.json");
        service = ServeReplica.startService(db, keyset, NAME, settings);
        jdbc = service.bean(JdbcClient.class);
        CrmDrivers.insertTenants(jdbc, NAME);
        for (CrmDriver crm : crms.values()) {
            crm.connect(service.bean(ConnectionRegistry.class), CrmDrivers.tenant(NAME, crm.kind()));
            crm.beforeRun();
        }
        assertCompleted(run(ContactSyncJobConfiguration.JOB_NAME));
        assertCompleted(run(EngagementSyncJobConfiguration.JOB_NAME));
        // the CRMs deliver from now on: HubSpot's app to the service, Pipedrive's webhooks registered as on 'connections add'
        for (CrmDriver crm : crms.values()) {
            crm.sandbox().deliverChangesTo(service.uri(""));
        }
        service.bean(WebhookSubscriptionReconciler.class).reconcileAll();
        assertThat(pipedrive().webhookIds()).hasSize(2);
        for (CrmDriver crm : crms.values()) { // Salesforce: once the service's change stream is subscribed
            await().atMost(ARRIVAL).until(crm.sandbox()::announcesChanges);
        }
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    @Order(1)
    void aUsersEditInTheCrmReachesTheContactWithinSecondsWithoutAnyRun(CrmKind kind) {
        // given
        CrmDriver crm = crms.get(kind);
        String id = take(crm);
        long contact = records().pmId(crm, id);
        long runs = runs();
        String name = "Edited" + edits.incrementAndGet();

        // when a user edits the person's last name in the CRM
        crm.sandbox().editPersonAsUser(id, crm.lastNameField(), name);

        // then the contact has it within seconds, and no run brought it
        await().atMost(ARRIVAL).until(() -> name.equals(column(contact, "last_name")));
        assertThat(runs()).isEqualTo(runs);
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    @Order(1)
    void aDeleteAndAMergeInTheCrmAreHonouredWithinSeconds(CrmKind kind) throws Exception {
        // given three linked people
        CrmDriver crm = crms.get(kind);
        String gone = take(crm);
        String survivor = take(crm);
        String loser = take(crm);
        long goneContact = records().pmId(crm, gone);
        long loserContact = records().pmId(crm, loser);

        // when the CRM deletes one and merges another into the third
        crm.delete(gone);
        crm.merge(survivor, loser);

        // then the deleted one's link is closed and its contact soft-deleted; the merged one's closed into the survivor
        // (Salesforce's change events announce a merge as the loser's deletion: reading it by id finds its master)
        await().atMost(ARRIVAL).until(() -> records().softDeleted(goneContact) && records().softDeleted(loserContact)
                && survivor.equals(records().link(crm, loser).get("merged_into")));
        assertThat(records().link(crm, gone).get("deleted_at")).isNotNull();
        assertThat(records().link(crm, loser).get("deleted_at")).isNotNull();
        assertThat(records().link(crm, survivor).get("deleted_at")).isNull();
        assertThat(records().softDeleted(loserContact)).isTrue();
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    @Order(1)
    void anEngagementEventInsertedWithSqlLandsOnTheCrmTimelineOnce(CrmKind kind) throws Exception {
        // given a linked contact
        CrmDriver crm = crms.get(kind);
        long contact = records().pmId(crm, take(crm));
        String message = "e2e-" + kind.id();

        // when the platform records an e-mail sent and opened
        records().engagementEvent(crm, contact, message, "sent");
        records().engagementEvent(crm, contact, message, "open");

        // then it is on the CRM's timeline, once, with no run
        await().atMost(ARRIVAL).until(() -> logged(crm, message) > 0);
        Thread.sleep(1000); // a second push would come within this
        assertThat(logged(crm, message)).isEqualTo(1);
    }

    @Test
    @Order(1)
    void aDeliveryTheSandboxSendsTwiceIsStoredAndAppliedOnce() throws Exception {
        // given HubSpot sending every batch twice
        CrmDriver crm = crms.get(HubSpotConnectorProvider.KIND);
        String id = take(crm);
        long contact = records().pmId(crm, id);
        long duplicated = webhookStat(crm, "duplicatedBatches");
        String name = "Twice" + edits.incrementAndGet();

        // when
        crm.sandbox().editPersonAsUser(id, crm.lastNameField(), name);

        // then both copies arrived, one notice was stored and the change was applied (audited) once
        await().atMost(ARRIVAL).until(() -> name.equals(column(contact, "last_name"))
                && webhookStat(crm, "duplicatedBatches") > duplicated
                && webhookStat(crm, "pendingEvents") == 0);
        assertThat(jdbc.sql("SELECT applied_at IS NOT NULL FROM crm_sync.change_notices WHERE connection_id = :c "
                        + "AND record_id = :id").param("c", crm.connection()).param("id", id).query(Boolean.class).list())
                .containsExactly(true);
    }

    @Test
    @Order(2)
    void aContactSyncRunAfterwardsWritesNothingToTheCrmsAndChangesNoContact() throws Exception {
        // given everything the service had to do done
        await().atMost(ARRIVAL).until(() -> jdbc.sql("SELECT count(*) FROM crm_sync.change_notices "
                + "WHERE applied_at IS NULL").query(Long.class).single() == 0);
        Thread.sleep(1000); // the last pushes let their locks go
        Map<CrmKind, Map<String, Object>> footprints = new HashMap<>();
        for (CrmDriver crm : crms.values()) {
            crm.beforeRun();
            footprints.put(crm.kind(), crm.writeFootprint());
        }
        String contacts = contactsDigest();

        // when the hourly run comes
        assertCompleted(run(ContactSyncJobConfiguration.JOB_NAME));

        // then
        for (CrmDriver crm : crms.values()) {
            assertThat(crm.writeFootprint()).as("writes to %s", crm.kind().id()).isEqualTo(footprints.get(crm.kind()));
        }
        assertThat(contactsDigest()).isEqualTo(contacts);
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private JobExecution run(String job) {
        List<String> tenants = CrmDrivers.EVERY_CRM.stream().map(kind -> CrmDrivers.tenant(NAME, kind)).toList();
        return service.bean(JobRunner.class).run(job, new RunParameters(tenants, Shard.ALL, 3, Instant.now()));
    }

    private static void assertCompleted(JobExecution execution) {
        assertThat(execution.getStatus()).as("%s", execution.getAllFailureExceptions())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    private ConnectionRecords records() {
        return new ConnectionRecords(jdbc);
    }

    /** The next live linked person of the CRM no test took yet. */
    private String take(CrmDriver crm) {
        return jdbc.sql("""
                        SELECT l.crm_id FROM crm_sync.record_links l JOIN penguinmails.contacts c ON c.id = l.pm_id
                        WHERE l.connection_id = :c AND l.pm_entity = 'contact' AND l.object_type = 'CONTACT'
                        AND l.deleted_at IS NULL AND c.deleted_at IS NULL AND c.consent_status <> 'unsubscribed'
                        ORDER BY l.pm_id OFFSET :n LIMIT 1""")
                .param("c", crm.connection()).param("n", taken.get(crm.kind()).getAndIncrement())
                .query(String.class).single();
    }

    private String column(long contact, String column) {
        return jdbc.sql("SELECT " + column + " FROM penguinmails.contacts WHERE id = :id").param("id", contact)
                .query(String.class).optional().orElse("");
    }

    private long runs() {
        return jdbc.sql("SELECT count(*) FROM batch_job_execution").query(Long.class).single();
    }

    private static long logged(CrmDriver crm, String message) throws Exception {
        return crm.timeline().all().stream().filter(l -> l.key().equals("pm-m-" + message)).count();
    }

    /** One of HubSpot's delivery counters ({@code GET /_sandbox/stats}, {@code webhooks}). */
    private static long webhookStat(CrmDriver crm, String name) throws Exception {
        return crm.call("GET", "/_sandbox/stats", null).path("webhooks").path(name).asLong();
    }

    /** Every contact row of the test's tenants, as text: what a run that changes nothing leaves as it was. */
    private String contactsDigest() {
        return jdbc.sql("SELECT coalesce(md5(string_agg(c::text, '|' ORDER BY c.id)), '') FROM penguinmails.contacts c "
                + "WHERE c.tenant_id LIKE :t").param("t", NAME + "-%").query(String.class).single();
    }

    private PipedriveSandbox pipedrive() {
        return (PipedriveSandbox) crms.get(PipedriveConnectorProvider.KIND).sandbox();
    }
}
