package com.penguinmails.crmsync.serve.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.job.contactpush.RealtimeContactPush;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.job.engagementsync.EngagementSyncJobConfiguration;
import com.penguinmails.crmsync.job.engagementsync.RealtimeEngagement;
import com.penguinmails.crmsync.job.support.LockTarget;
import com.penguinmails.crmsync.job.support.RunLocks;
import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.CrmDrivers;
import com.penguinmails.crmsync.testing.CrmTimelines;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbound listener of {@code crm-sync serve} against the three CRM sandboxes, after one contact-sync and one
 * engagement-sync run linked each tenant's contacts: an engagement event or a contact change written with plain SQL
 * reaches the CRM in seconds without any run (the sweep is an hour away here, so only the notification can bring it);
 * two replicas log an event once; a run holding the connection delays the push, never doubles it; a run after the
 * push finds nothing to write, and a run starting during a push waits for it; a CRM down fails a push, which is tried
 * again; a killed listener session is reopened; a notification sent while no listener ran is delivered by the sweep
 * at start.
 */
@SpringBootTest(properties = {"crmsync.serve.outbound.sweep-interval=PT1H", "crmsync.serve.outbound.micro-batch-size=5",
        "crmsync.serve.outbound.workers=2", "crmsync.serve.outbound.busy-retry=PT0.3S",
        "crmsync.serve.outbound.poll-timeout=PT0.2S", "crmsync.serve.outbound.reconnect-delay=PT1S",
        "crmsync.serve.outbound.max-backoff=PT2S", "crmsync.crm.max-retries=1"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeOutboundIT extends SyncJobIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "realtime_outbound");
    }

    @Autowired
    OutboundListener listener;
    @Autowired
    DataSource dataSource;
    @Autowired
    RunLocks runLocks;
    @Autowired
    RealtimeEngagement engagement;
    @Autowired
    RealtimeContactPush contactPush;
    @Autowired
    OutboundProperties properties;

    @AutoClose
    final CrmDrivers crms = new CrmDrivers();
    final AtomicInteger messages = new AtomicInteger();
    final AtomicInteger numbers = new AtomicInteger(7000);
    /** Which subscribed linked contact of its tenant each test uses, so the tests share no contact. */
    final AtomicInteger nextContact = new AtomicInteger();

    @BeforeAll
    void linkContactsThenListen() {
        CrmDrivers.insertTenants(jdbc, "live");
        crms.connectEach(registry, "live", Map.of(SalesforceConnectorProvider.KIND, 16, HubSpotConnectorProvider.KIND, 16,
                PipedriveConnectorProvider.KIND, 16), Map.of());
        String[] tenants = CrmDrivers.EVERY_CRM.stream().map(kind -> CrmDrivers.tenant("live", kind))
                .toArray(String[]::new);
        assertCompleted(run(ContactSyncJobConfiguration.JOB_NAME, 3, tenants));
        assertCompleted(run(EngagementSyncJobConfiguration.JOB_NAME, 3, tenants));
        listener.start();
    }

    @AfterAll
    void stopListening() {
        listener.stop();
    }

    // --- tests ---

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void anEngagementEventInsertedWithPlainSqlIsOnTheCrmTimelineWithinSecondsWithoutAnyRun(CrmKind kind)
            throws Exception {
        // given
        CrmDriver crm = crms.get(kind);
        long contact = nextContact(crm);
        long runsBefore = runs();
        String message = message();

        // when the platform inserts the e-mail's events
        event(crm, contact, message, "sent");
        event(crm, contact, message, "open");

        // then the e-mail is on the contact's timeline, once, and no run made it
        CrmTimelines.Logged logged = awaitLogged(crm, message);
        String crmId = crmId(crm, contact);
        await(() -> crmId.equals(crm.timeline().who(logged))); // HubSpot associates it by a second call
        assertThat(logged.body()).contains("Opened once");
        assertThat(runs()).isEqualTo(runsBefore);
        assertThat(loggedCount(crm, message)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void aContactChangeWithPlainSqlReachesTheCrmWithinSecondsAndAnUnsubscribeItsOptOut(CrmKind kind)
            throws Exception {
        // given (Pipedrive's default map has no consent field: its phone shows the push)
        CrmDriver crm = crms.get(kind);
        long contact = nextContact(crm);
        String crmId = crmId(crm, contact);
        String phone = "+1650253" + numbers.incrementAndGet();
        boolean consent = kind != PipedriveConnectorProvider.KIND;
        if (consent) {
            assertThat(crm.optedOut(crmId)).isFalse();
        }

        // when the platform unsubscribes the contact and sets its phone with a plain SQL UPDATE
        jdbc.sql("UPDATE penguinmails.contacts SET phone = :p, consent_status = 'unsubscribed', "
                + "consent_changed_at = now() WHERE id = :id").param("p", phone).param("id", contact).update();

        // then
        await(() -> phone.equals(crm.phone(crmId)) && (!consent || crm.optedOut(crmId)));
        assertThat(crm.phone(crmId)).isEqualTo(phone);
        if (consent) {
            assertThat(crm.optedOut(crmId)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void aRunRightAfterTheRealTimePushFindsNothingToWrite(CrmKind kind) throws Exception {
        // given an event pushed in real time, and the push's watermark at the tenant's newest event
        CrmDriver crm = crms.get(kind);
        long contact = nextContact(crm);
        String message = message();
        event(crm, contact, message, "sent");
        event(crm, contact, message, "click");
        awaitLogged(crm, message);
        long newest = count("SELECT max(id) FROM penguinmails.engagement_events WHERE tenant_id = '" + crm.tenant()
                + "'");
        await(() -> watermark(crm) >= newest);
        Thread.sleep(300); // the push lets the connection's lock go after its watermark
        Map<String, Object> footprint = crm.writeFootprint();

        // when the CronJob runs
        assertCompleted(run(EngagementSyncJobConfiguration.JOB_NAME, 1, crm.tenant()));

        // then it wrote nothing to the CRM
        assertThat(crm.writeFootprint()).isEqualTo(footprint);
        assertThat(loggedCount(crm, message)).isEqualTo(1);
    }

    @Test
    void theSameEventNoticedByTwoReplicasIsLoggedOnce() throws Exception {
        // given a second replica listening (Pipedrive: no external id would catch a second create)
        CrmDriver crm = crms.get(PipedriveConnectorProvider.KIND);
        OutboundListener replica = new OutboundListener(dataSource, runLocks, engagement, contactPush, properties);
        replica.start();
        try {
            long contact = nextContact(crm);
            String message = message();

            // when
            event(crm, contact, message, "sent");
            event(crm, contact, message, "reply");

            // then
            assertLoggedOnce(crm, message, Duration.ofMillis(2000)); // both replicas have pushed by then
            assertThat(crm.timeline().all().stream().filter(l -> l.key().equals(key(message) + "#reply")))
                    .hasSize(1);
        } finally {
            replica.stop();
        }
    }

    @Test
    void whileARunHoldsTheConnectionTheListenerWaitsAndTheEventStillArrivesOnce() throws Exception {
        // given a run of engagement-sync holding the connection
        CrmDriver crm = crms.get(PipedriveConnectorProvider.KIND);
        long execution = 900_000 + messages.incrementAndGet();
        RunLocks.Session run = runLocks.session(execution);
        assertThat(run.claim(EngagementSyncJobConfiguration.JOB_NAME, LockTarget.connection(crm.connection())))
                .isEmpty();
        long contact = nextContact(crm);
        String message = message();
        try {
            // when an event comes meanwhile
            event(crm, contact, message, "sent");
            Thread.sleep(1500);

            // then the listener waits
            assertThat(loggedCount(crm, message)).isZero();
        } finally {
            runLocks.close(execution);
        }

        // and once the run ends the event arrives, once
        assertLoggedOnce(crm, message, Duration.ofMillis(1000));
    }

    @Test
    void aRunStartingWhileTheServicePushesTheConnectionWaitsForThePushAndCompletes() throws Exception {
        // given the service holding Salesforce's connection for engagement-sync (a push in flight)
        CrmDriver crm = crms.get(SalesforceConnectorProvider.KIND);
        RunLocks.Lease push = runLocks.tryLease(EngagementSyncJobConfiguration.JOB_NAME,
                LockTarget.connection(crm.connection())).orElseThrow();

        // when a CronJob run starts, and the push ends a moment later
        CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(() ->
                run(EngagementSyncJobConfiguration.JOB_NAME, 1, crm.tenant()));
        Thread.sleep(1000);
        assertThat(run).isNotDone();
        push.close();

        // then the run waited for it instead of leaving the connection untouched
        assertCompleted(run.get(60, TimeUnit.SECONDS));
    }

    @Test
    void anEventInsertedWhileNoListenerRanIsDeliveredByTheSweepWhenOneStarts() throws Exception {
        // given no listener (a replica restarting)
        CrmDriver crm = crms.get(HubSpotConnectorProvider.KIND);
        long contact = nextContact(crm);
        String message = message();
        listener.stop();
        try {
            // when an event is inserted, its notification heard by no one
            event(crm, contact, message, "sent");
            Thread.sleep(1000);
            assertThat(loggedCount(crm, message)).isZero();
        } finally {
            listener.start();
        }

        // then the sweep the listener makes as it starts pushes it
        assertLoggedOnce(crm, message, Duration.ZERO);
    }

    @Test
    void aContactChangeMadeWhileNoListenerRanIsPushedByTheSweepWhenOneStarts() throws Exception {
        // given no listener
        CrmDriver crm = crms.get(PipedriveConnectorProvider.KIND);
        long contact = nextContact(crm);
        String crmId = crmId(crm, contact);
        String phone = "+1650253" + numbers.incrementAndGet();
        listener.stop();
        try {
            // when the platform changes a contact, its notification heard by no one
            jdbc.sql("UPDATE penguinmails.contacts SET phone = :p WHERE id = :id").param("p", phone)
                    .param("id", contact).update();

            // then the connection is pending for the sweep, and nothing reached the CRM
            assertThat(contactPush.pending()).contains(crm.connection());
            assertThat(engagement.pending()).doesNotContain(crm.connection());
            Thread.sleep(500);
            assertThat(crm.phone(crmId)).isNotEqualTo(phone);
        } finally {
            listener.start();
        }

        // and the sweep the listener makes as it starts pushes it
        await(() -> phone.equals(crm.phone(crmId)));
    }

    @Test
    void aPushThatFindsTheCrmDownFailsAsAWholeAndIsTriedAgainUntilTheEventArrivesOnce() throws Exception {
        // given a CRM answering every request with a 5xx
        CrmDriver crm = crms.get(HubSpotConnectorProvider.KIND);
        long contact = nextContact(crm);
        String message = message();
        long faultsBefore = crm.server().stats().faultsInjectedCount();
        crm.server().faults(new FaultPlan(Duration.ZERO, 1.0, 1, 0, 0, 0, Duration.ZERO));
        try {
            // when an event comes
            event(crm, contact, message, "sent");
            await(() -> crm.server().stats().faultsInjectedCount() > faultsBefore + 1); // pushes met the outage
            Thread.sleep(500);
        } finally {
            crm.server().faults(FaultPlan.NONE);
        }

        // then, the CRM back, a later attempt logs it, once
        assertLoggedOnce(crm, message, Duration.ofMillis(500));
    }

    @Test
    void aListenerWhoseDatabaseSessionIsKilledListensAgainAndDelivers() throws Exception {
        // given the listener's session killed (a failover, a network cut)
        CrmDriver crm = crms.get(SalesforceConnectorProvider.KIND);
        long contact = nextContact(crm);
        String message = message();
        assertThat(count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = "
                + "'crm-sync serve (outbound listener)' AND datname = current_database()")).isEqualTo(1);

        // when it has listened again for a moment (its reconnection sweep done), an event comes
        await(() -> count("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                + "'crm-sync serve (outbound listener)' AND datname = current_database()") == 1);
        Thread.sleep(1000);
        event(crm, contact, message, "sent");

        // then its notification brings it
        assertLoggedOnce(crm, message, Duration.ZERO);
    }

    // --- helpers ---

    private long nextContact(CrmDriver crm) {
        return jdbc.sql("""
                        SELECT l.pm_id FROM crm_sync.record_links l JOIN penguinmails.contacts c ON c.id = l.pm_id
                        WHERE l.connection_id = :c AND l.pm_entity = 'contact' AND l.deleted_at IS NULL
                          AND l.merged_into IS NULL AND c.consent_status <> 'unsubscribed'
                        ORDER BY l.pm_id OFFSET :n LIMIT 1""")
                .param("c", crm.connection()).param("n", nextContact.getAndIncrement())
                .query(Long.class).single();
    }

    private String crmId(CrmDriver crm, long contact) {
        return jdbc.sql("SELECT crm_id FROM crm_sync.record_links WHERE connection_id = :c AND pm_entity = 'contact' "
                        + "AND pm_id = :id AND deleted_at IS NULL").param("c", crm.connection()).param("id", contact)
                .query(String.class).single();
    }

    private String message() {
        return "rt" + messages.incrementAndGet();
    }

    private static String key(String message) {
        return "pm-m-" + message;
    }

    private void event(CrmDriver crm, long contact, String message, String type) {
        records().engagementEvent(crm, contact, message, type);
    }

    private long runs() {
        return count("SELECT count(*) FROM batch_job_execution");
    }

    private long watermark(CrmDriver crm) {
        return jdbc.sql("SELECT CAST(position AS bigint) FROM crm_sync.watermarks WHERE connection_id = :c "
                        + "AND stream = 'engagement-sync.events'").param("c", crm.connection())
                .query(Long.class).single();
    }

    private long loggedCount(CrmDriver crm, String message) throws Exception {
        return crm.timeline().all().stream().filter(l -> l.key().equals(key(message))).count();
    }

    private CrmTimelines.Logged awaitLogged(CrmDriver crm, String message) throws Exception {
        await(() -> loggedCount(crm, message) > 0);
        return crm.timeline().all().stream().filter(l -> l.key().equals(key(message))).findFirst().orElseThrow();
    }

    /** Waits for the e-mail's activity, then {@code settle} more (for pushes that may still come), and sees it once. */
    private void assertLoggedOnce(CrmDriver crm, String message, Duration settle) throws Exception {
        awaitLogged(crm, message);
        Thread.sleep(settle.toMillis());
        assertThat(loggedCount(crm, message)).as("activities of e-mail %s", message).isEqualTo(1);
    }

    /** Waits until {@code done} holds, up to {@link #ARRIVAL}. */
    private static void await(Callable<Boolean> done) throws Exception {
        long until = System.nanoTime() + ARRIVAL.toNanos();
        while (!done.call()) {
            assertThat(System.nanoTime()).as("not there within %ss", ARRIVAL.toSeconds()).isLessThan(until);
            Thread.sleep(100);
        }
    }
}
