package com.penguinmails.crmsync.job.engagementsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.job.leadscore.LeadScoreJobConfiguration;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.CrmDrivers;
import com.penguinmails.crmsync.testing.CrmTimelines;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * engagement-sync against the three CRM sandboxes, after contact-sync linked each tenant's contacts: what each kind of
 * event puts on the timeline, exactly once; runs with nothing new that cost no API call; unlinked contacts that wait;
 * a crash between the CRM write and the commit; 5xx/429 storms; scheduled runs; the lead-score push.
 */
@SpringBootTest(properties = {"crmsync.engagement-sync.chunk-size=7", "crmsync.engagement-sync.page-size=11",
        "crmsync.engagement-sync.chunk-size-per-crm.salesforce=7",
        "crmsync.engagement-sync.chunk-size-per-crm.hubspot=7"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngagementSyncIT extends SyncJobIT {

    private static final Map<CrmKind, String> TENANTS = Map.of(SalesforceConnectorProvider.KIND, "sf-co", HubSpotConnectorProvider.KIND, "hs-co",
            PipedriveConnectorProvider.KIND, "pd-co");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "engagement_sync");
    }


    @AutoClose
    final CrmDrivers crms = new CrmDrivers();
    final AtomicInteger messages = new AtomicInteger();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void connectAndLinkContacts() {
        for (CrmKind kind : CrmDrivers.EVERY_CRM) {
            crms.add(CrmDriver.start(kind, 12));
        }
        tenant("sf-co", "SF Co");
        tenant("hs-co", "HS Co");
        tenant("pd-co", "PD Co");
        crms.get(SalesforceConnectorProvider.KIND).connect(registry, "sf-co");
        crms.get(HubSpotConnectorProvider.KIND).connect(registry, "hs-co", "hub-1");
        crms.get(PipedriveConnectorProvider.KIND).connect(registry, "pd-co", "pd-1");
        JobExecution linked = runner.run(ContactSyncJobConfiguration.JOB_NAME,
                new RunParameters(List.copyOf(TENANTS.values()), Shard.ALL, 3, Instant.now()));
        assertThat(linked.getStatus()).as("%s", linked.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
    }

    @AfterEach
    void calm() {
        for (CrmKind crm : CrmDrivers.EVERY_CRM) {
            server(crm).faults(FaultPlan.NONE);
        }
    }

    // --- helpers ---

    private SandboxHttpServer server(CrmKind crm) {
        return crms.get(crm).server();
    }

    private CrmTimelines timeline(CrmKind crm) {
        return crms.get(crm).timeline();
    }

    private JobExecution sync(CrmKind crm) {
        return run(EngagementSyncJobConfiguration.JOB_NAME, 2, TENANTS.get(crm));
    }

    private JobExecution syncUntilCompleted(CrmKind crm, int runs) {
        JobExecution execution = sync(crm);
        for (int i = 1; i < runs && execution.getStatus() != BatchStatus.COMPLETED; i++) {
            execution = sync(crm);
        }
        return execution;
    }

    /** The linked contacts of a tenant: PenguinMails id -> CRM id. */
    private Map<Long, String> linked(CrmKind crm) {
        return jdbc.sql("""
                        SELECT pm_id, crm_id FROM crm_sync.record_links
                        WHERE connection_id = :c AND pm_entity = 'contact' AND deleted_at IS NULL
                          AND merged_into IS NULL ORDER BY pm_id""")
                .param("c", crms.get(crm).connection())
                .query((rs, row) -> Map.entry(rs.getLong(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        java.util.LinkedHashMap::new));
    }

    private long campaign(String tenant, String subject) {
        return jdbc.sql("INSERT INTO penguinmails.campaigns (tenant_id, name, subject, sent_at) VALUES (:t, :n, :s, now())"
                        + " RETURNING id")
                .param("t", tenant).param("n", "Campaign " + subject).param("s", subject).query(Long.class).single();
    }

    /** A new e-mail id, unique in the test run. */
    private String message() {
        return "m" + messages.incrementAndGet();
    }

    private void event(String tenant, long contactId, Long campaignId, String messageId, String type, Instant at,
                       String url, String detail) {
        jdbc.sql("""
                        INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, campaign_id, message_id,
                                                                    event_type, occurred_at, url, detail)
                        VALUES (:t, :c, :campaign, :m, :type, :at, :url, CAST(:detail AS jsonb))""")
                .param("t", tenant).param("c", contactId).param("campaign", campaignId).param("m", messageId)
                .param("type", type).param("at", java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC))
                .param("url", url).param("detail", detail == null ? "{}" : detail).update();
    }

    private void sent(String tenant, long contactId, long campaignId, String messageId, Instant at) {
        event(tenant, contactId, campaignId, messageId, "sent", at, null, null);
    }

    private static Map<String, List<CrmTimelines.Logged>> byKey(List<CrmTimelines.Logged> logged) {
        return logged.stream().collect(Collectors.groupingBy(CrmTimelines.Logged::key));
    }

    // --- tests ---

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void everyKindOfEventLandsOnTheLinkedRecordsTimelineOnceAndLaterEventsUpdateIt(CrmKind crm) throws Exception {
        // given: three linked contacts with an e-mail each: opened, clicked and replied; bounced; unsubscribed
        String tenant = TENANTS.get(crm);
        List<Map.Entry<Long, String>> people = List.copyOf(linked(crm).entrySet());
        long campaign = campaign(tenant, "Spring launch");
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        String a = message(), b = message(), c = message();
        long alice = people.get(0).getKey(), bob = people.get(1).getKey(), carol = people.get(2).getKey();
        sent(tenant, alice, campaign, a, t);
        event(tenant, alice, campaign, a, "open", t.plusSeconds(60), null, null);
        event(tenant, alice, campaign, a, "open", t.plusSeconds(120), null, null);
        event(tenant, alice, campaign, a, "click", t.plusSeconds(130), "https://penguinmails.test/pricing", null);
        event(tenant, alice, campaign, a, "click", t.plusSeconds(140), "https://penguinmails.test/demo", null);
        event(tenant, alice, campaign, a, "click", t.plusSeconds(150), "https://penguinmails.test/pricing", null);
        event(tenant, alice, campaign, a, "reply", t.plusSeconds(3600), null, null);
        sent(tenant, bob, campaign, b, t);
        event(tenant, bob, campaign, b, "bounce", t.plusSeconds(5), null, "{\"reason\": \"mailbox full\"}");
        sent(tenant, carol, campaign, c, t);
        event(tenant, carol, campaign, c, "unsubscribe", t.plusSeconds(900), null, null);

        // when
        long listsBefore = server(crm).stats().requests("GET /api/v2/activities");
        JobExecution run = sync(crm);

        // then: one completed activity per e-mail on the right record, and one open follow-up for the reply
        assertThat(run.getStatus()).as("%s", run.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        // (Pipedrive has no external ids; a first attempt knows it logged nothing before and never looks)
        assertThat(server(crm).stats().requests("GET /api/v2/activities")).isEqualTo(listsBefore);
        Map<String, List<CrmTimelines.Logged>> logged = byKey(timeline(crm).all());
        String keyA = ActivityComposer.emailKey(a), keyB = ActivityComposer.emailKey(b);
        String keyC = ActivityComposer.emailKey(c);
        assertThat(logged.get(keyA)).hasSize(1);
        assertThat(logged.get(keyB)).hasSize(1);
        assertThat(logged.get(keyC)).hasSize(1);
        assertThat(logged.get(keyA + "#reply")).hasSize(1);
        CrmTimelines.Logged email = logged.get(keyA).get(0);
        assertThat(timeline(crm).who(email)).isEqualTo(people.get(0).getValue());
        assertThat(email.open()).isFalse();
        assertThat(email.subject()).isEqualTo("Spring launch");
        assertThat(email.body()).contains("Opened 2 times", "Clicked 3 times", "https://penguinmails.test/pricing (2)",
                "https://penguinmails.test/demo", "Replied 2026-11-20 11:00 UTC");
        assertThat(logged.get(keyB).get(0).body()).contains("Bounced 2026-11-20 10:00 UTC: mailbox full");
        assertThat(timeline(crm).who(logged.get(keyB).get(0))).isEqualTo(people.get(1).getValue());
        assertThat(logged.get(keyC).get(0).body()).contains("Unsubscribed 2026-11-20 10:15 UTC");
        CrmTimelines.Logged followUp = logged.get(keyA + "#reply").get(0);
        assertThat(followUp.open()).isTrue();
        assertThat(timeline(crm).who(followUp)).isEqualTo(people.get(0).getValue());
        assertThat(followUp.subject()).isEqualTo("Follow up: reply to Spring launch");
        String company = jdbc.sql("""
                        SELECT l.crm_id FROM penguinmails.contacts c JOIN crm_sync.record_links l
                          ON l.pm_entity = 'company' AND l.pm_id = c.company_id AND l.connection_id = :conn
                        WHERE c.id = :id""").param("conn", crms.get(crm).connection()).param("id", alice)
                .query(String.class).optional().orElse("");
        if (crm != SalesforceConnectorProvider.KIND) { // (Salesforce rolls a Contact's Tasks up to its Account by itself)
            assertThat(company).as("the seeded person belongs to a company").isNotEmpty();
            assertThat(timeline(crm).company(email)).isEqualTo(company);
        }
        if (crm == HubSpotConnectorProvider.KIND) {
            assertThat(logged.get(keyB).get(0).status()).isEqualTo("BOUNCED");
            assertThat(followUp.status()).isEqualTo("NOT_STARTED");
        }
        if (crm == SalesforceConnectorProvider.KIND) {
            assertThat(followUp.status()).isEqualTo("Not Started");
        }
        assertThat(count("SELECT count(*) FROM crm_sync.activity_links WHERE connection_id = "
                + crms.get(crm).connection()
                + " AND activity_key IN ('" + keyA + "', '" + keyB + "', '" + keyC + "', '" + keyA + "#reply')"))
                .isEqualTo(4);

        // when: a run with nothing new
        long before = server(crm).stats().totalRequests();
        JobExecution idle = sync(crm);

        // then: it costs no API call at all
        assertThat(idle.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(server(crm).stats().totalRequests()).isEqualTo(before);

        // when: Alice opens the e-mail again
        event(tenant, alice, campaign, a, "open", t.plusSeconds(7200), null, null);
        JobExecution later = sync(crm);

        // then: the same activity now says so; nothing was added
        assertThat(later.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, List<CrmTimelines.Logged>> after = byKey(timeline(crm).all());
        assertThat(after.get(keyA)).hasSize(1);
        assertThat(after.get(keyA).get(0).crmId()).isEqualTo(email.crmId());
        assertThat(after.get(keyA).get(0).body()).contains("Opened 3 times");
        assertThat(after.get(keyA + "#reply")).hasSize(1);
        assertThat(after.get(keyB)).hasSize(1);
    }

    @Test
    void theFollowUpOfASalesforceReplyBelongsToTheContactsOwner() throws Exception {
        // given: a contact owned by another user than the integration's
        Map.Entry<Long, String> person = linked(SalesforceConnectorProvider.KIND).entrySet().iterator().next();
        Map<String, Object> salesforce = crms.get(SalesforceConnectorProvider.KIND).info();
        String owner = salesforce.get("salesRepUserId").toString();
        HttpResponse<String> patched = http.send(HttpRequest.newBuilder(URI.create(salesforce.get("restBaseUrl")
                        + "/sobjects/Contact/" + person.getValue()))
                .header("Authorization", "Bearer " + salesforce.get("accessToken"))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"OwnerId\": \"" + owner + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(204);
        String m = message();
        long campaign = campaign("sf-co", "Owner check");
        sent("sf-co", person.getKey(), campaign, m, Instant.parse("2026-11-21T09:00:00Z"));
        event("sf-co", person.getKey(), campaign, m, "reply", Instant.parse("2026-11-21T10:00:00Z"), null, null);

        // when
        assertThat(sync(SalesforceConnectorProvider.KIND).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then
        CrmTimelines.Logged followUp = byKey(timeline(SalesforceConnectorProvider.KIND).all())
                .get(ActivityComposer.emailKey(m) + "#reply").get(0);
        assertThat(followUp.owner()).isEqualTo(owner);
        assertThat(byKey(timeline(SalesforceConnectorProvider.KIND).all()).get(ActivityComposer.emailKey(m)).get(0).owner())
                .isNotEqualTo(owner);
    }

    @Test
    void emailsOfUnlinkedContactsWaitAreLoggedOnceLinkedAndExpireAfterTheMaximumWait() throws Exception {
        // given: two PenguinMails contacts HubSpot does not know, with an e-mail each
        long connection = crms.get(HubSpotConnectorProvider.KIND).connection();
        long dora = jdbc.sql("INSERT INTO penguinmails.contacts (tenant_id, email) VALUES ('hs-co', 'dora@example.org')"
                + " RETURNING id").query(Long.class).single();
        long eddie = jdbc.sql("INSERT INTO penguinmails.contacts (tenant_id, email) VALUES ('hs-co', 'eddie@example.org')"
                + " RETURNING id").query(Long.class).single();
        long campaign = campaign("hs-co", "Waiting");
        String forDora = message(), forEddie = message();
        sent("hs-co", dora, campaign, forDora, Instant.now().minusSeconds(60));
        sent("hs-co", eddie, campaign, forEddie, Instant.now().minusSeconds(60));

        // when
        assertThat(sync(HubSpotConnectorProvider.KIND).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then: both wait, counted; nothing is on HubSpot
        assertThat(count("SELECT count(*) FROM crm_sync.activity_backlog WHERE reason = 'unlinked' AND connection_id = "
                + connection)).isEqualTo(2);
        assertThat(count("SELECT record_count FROM crm_sync.sync_audit WHERE action = 'activities_waiting' "
                + "AND connection_id = " + connection + " ORDER BY id DESC LIMIT 1")).isEqualTo(2);
        assertThat(byKey(timeline(HubSpotConnectorProvider.KIND).all())).doesNotContainKey(ActivityComposer.emailKey(forDora));

        // when: Dora is created in HubSpot, contact-sync links her, and Eddie's e-mail has waited too long
        Map<String, Object> hubspot = crms.get(HubSpotConnectorProvider.KIND).info();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(hubspot.get("baseUrl")
                        + "/crm/v3/objects/contacts"))
                .header("Authorization", "Bearer " + hubspot.get("privateAppToken"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"properties\": {\"email\": \"dora@example.org\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(run(ContactSyncJobConfiguration.JOB_NAME, 1, "hs-co").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        jdbc.sql("UPDATE crm_sync.activity_backlog SET first_seen_at = now() - interval '8 days' WHERE contact_id = "
                + eddie).update();
        assertThat(sync(HubSpotConnectorProvider.KIND).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then: Dora's e-mail is on her timeline, Eddie's was dropped and counted, the backlog is empty
        List<CrmTimelines.Logged> doras = byKey(timeline(HubSpotConnectorProvider.KIND).all()).get(ActivityComposer.emailKey(forDora));
        assertThat(doras).hasSize(1);
        assertThat(timeline(HubSpotConnectorProvider.KIND).who(doras.get(0))).isEqualTo(linked(HubSpotConnectorProvider.KIND).get(dora));
        assertThat(count("SELECT count(*) FROM crm_sync.activity_backlog WHERE reason <> 'expired' "
                + "AND connection_id = " + connection)).isZero();
        assertThat(jdbc.sql("SELECT reason FROM crm_sync.activity_backlog WHERE contact_id = " + eddie)
                .query(String.class).single()).isEqualTo("expired");

        // when: another run reads the recent events again (they may hide a late commit)
        assertThat(sync(HubSpotConnectorProvider.KIND).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then: Eddie's e-mail stays expired, not waiting again
        assertThat(jdbc.sql("SELECT reason FROM crm_sync.activity_backlog WHERE contact_id = " + eddie)
                .query(String.class).single()).isEqualTo("expired");
        assertThat(count("SELECT record_count FROM crm_sync.sync_audit WHERE action = 'activities_expired' "
                + "AND connection_id = " + connection)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void aChunkReplayedAfterACrashBetweenTheCrmWriteAndTheCommitLeavesOneActivityPerEmail(CrmKind crm)
            throws Exception {
        // given: 20 e-mails (3 chunks of 7), and the database refuses the second chunk's commit once
        String tenant = TENANTS.get(crm);
        List<Long> people = List.copyOf(linked(crm).keySet());
        long campaign = campaign(tenant, "Crash " + crm);
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String m = message();
            keys.add(ActivityComposer.emailKey(m));
            sent(tenant, people.get(i % people.size()), campaign, m, Instant.now().minusSeconds(600 - i));
            event(tenant, people.get(i % people.size()), campaign, m, "open", Instant.now().minusSeconds(300 - i),
                    null, null);
        }
        // (a sequence, because it is not rolled back with the transaction it fails)
        jdbc.sql("CREATE SEQUENCE IF NOT EXISTS crash_once").update();
        jdbc.sql("ALTER SEQUENCE crash_once RESTART WITH 1").update();
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION crash_second_chunk() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    -- a connection-wide failure (a record's own would be narrowed to it and dead-lettered)
                    IF nextval('crash_once') = 2 THEN
                        RAISE EXCEPTION USING ERRCODE = 'admin_shutdown', MESSAGE = 'simulated crash before commit';
                    END IF;
                    RETURN NULL;
                END $$""").update();
        try {
            jdbc.sql("""
                    CREATE TRIGGER crash_second_chunk AFTER INSERT ON crm_sync.activity_links
                        FOR EACH STATEMENT EXECUTE FUNCTION crash_second_chunk()""").update();
            // when: the run fails at the second chunk, after the CRM took it
            JobExecution failed = sync(crm);
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);

            // and is restarted
            JobExecution restarted = runner.restart(failed.getId(), false);

            // then: every e-mail is on the timeline exactly once
            assertThat(restarted.getStatus()).as("%s", restarted.getAllFailureExceptions())
                    .isEqualTo(BatchStatus.COMPLETED);
        } finally {
            jdbc.sql("DROP TRIGGER IF EXISTS crash_second_chunk ON crm_sync.activity_links").update();
        }
        Map<String, List<CrmTimelines.Logged>> logged = byKey(timeline(crm).all());
        for (String key : keys) {
            assertThat(logged.get(key)).as(key).hasSize(1);
        }
        assertThat(count("SELECT count(*) FROM crm_sync.activity_links WHERE connection_id = "
                + crms.get(crm).connection()
                + " AND activity_key = ANY(ARRAY['" + String.join("','", keys) + "'])")).isEqualTo(20);
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void anEmailWhoseWriteFailsAloneIsDeadLetteredTheRestOfItsChunkIsLoggedOnceAndItFollowsOnceTheCauseIsGone(
            CrmKind crm) throws Exception {
        // given: 7 e-mails (one chunk); the database refuses the link of one of them (a trigger of the test)
        String tenant = TENANTS.get(crm);
        List<Long> people = List.copyOf(linked(crm).keySet());
        long campaign = campaign(tenant, "Refused " + crm);
        List<String> keys = new java.util.ArrayList<>();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String m = message();
            ids.add(m);
            keys.add(ActivityComposer.emailKey(m));
            sent(tenant, people.get(i % people.size()), campaign, m, Instant.now().minusSeconds(600 - i));
        }
        String refused = keys.get(3);
        long refusedContact = people.get(3 % people.size());
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION refuse_one_activity() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'refused by the test'; END $$""").update();
        JobExecution first;
        try {
            jdbc.sql("CREATE TRIGGER refuse_one_activity BEFORE INSERT ON crm_sync.activity_links FOR EACH ROW "
                    + "WHEN (NEW.activity_key = '" + refused + "') EXECUTE FUNCTION refuse_one_activity()").update();
            // when
            first = sync(crm);
        } finally {
            jdbc.sql("DROP TRIGGER IF EXISTS refuse_one_activity ON crm_sync.activity_links").update();
        }

        // then: completed; the six others are on the timeline once and linked; one open error names the e-mail
        assertThat(first.getStatus()).as("%s", first.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, List<CrmTimelines.Logged>> logged = byKey(timeline(crm).all());
        for (String key : keys) {
            if (!key.equals(refused)) {
                assertThat(logged.get(key)).as(key).hasSize(1);
            }
        }
        long connection = crms.get(crm).connection();
        assertThat(count("SELECT count(*) FROM crm_sync.activity_links WHERE connection_id = " + connection
                + " AND activity_key = ANY(ARRAY['" + String.join("','", keys) + "'])")).isEqualTo(6);
        String recordKey = "penguinmails:email:" + refusedContact + ":" + ids.get(3);
        List<String> recordKeys = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            recordKeys.add("penguinmails:email:" + people.get(i % people.size()) + ":" + ids.get(i));
        }
        assertThat(jdbc.sql("SELECT record_key || ' ' || reason FROM crm_sync.sync_errors WHERE connection_id = :c "
                        + "AND status = 'open' AND record_key = ANY(CAST(:keys AS text[]))").param("c", connection)
                .param("keys", recordKeys.toArray(String[]::new)).query(String.class).list())
                .singleElement().satisfies(error -> assertThat(error).startsWith(recordKey + " ")
                        .contains("P0001", "refused by the test"));

        // when: the next run, the cause gone
        JobExecution next = sync(crm);

        // then: the e-mail is on the timeline once (the activity the failed attempts sent is found, not doubled)
        assertThat(next.getStatus()).as("%s", next.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        logged = byKey(timeline(crm).all());
        for (String key : keys) {
            assertThat(logged.get(key)).as(key).hasSize(1);
        }
        assertThat(count("SELECT count(*) FROM crm_sync.sync_errors WHERE connection_id = " + connection
                + " AND status = 'open' AND record_key = '" + recordKey + "'")).isZero();
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void aStormOf5xxAnd429ConvergesWithinTwoRunsWithOneActivityPerEmail(CrmKind crm) throws Exception {
        // given: 200 e-mails (29 chunks), and 10% server errors and 5% rate limits on every request
        String tenant = TENANTS.get(crm);
        List<Long> people = List.copyOf(linked(crm).keySet());
        long campaign = campaign(tenant, "Storm " + crm);
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String m = message();
            keys.add(ActivityComposer.emailKey(m));
            sent(tenant, people.get(i % people.size()), campaign, m, Instant.now().minusSeconds(100));
        }
        server(crm).faults(new FaultPlan(Duration.ZERO, 0.15, 2, 1, 0, 0, Duration.ZERO));

        // when
        JobExecution execution = syncUntilCompleted(crm, 2);

        // then
        assertThat(execution.getStatus()).as("%s", execution.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(server(crm).stats().faultsInjectedCount()).isPositive();
        server(crm).faults(FaultPlan.NONE);
        JobExecution retried = sync(crm); // what a refusal left in the backlog goes now
        assertThat(retried.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, List<CrmTimelines.Logged>> logged = byKey(timeline(crm).all());
        for (String key : keys) {
            assertThat(logged.get(key)).as(key).hasSize(1);
        }
    }

    @Test
    void eachScheduledRunLogsWhatHappenedSinceThePreviousOne() throws Exception {
        // given: the CronJob's cadence, simulated: an event arrives between two runs, three times
        Map.Entry<Long, String> person = linked(PipedriveConnectorProvider.KIND).entrySet().iterator().next();
        long campaign = campaign("pd-co", "Cadence");
        String m = message();
        long connection = crms.get(PipedriveConnectorProvider.KIND).connection();
        for (String type : List.of("sent", "open", "click")) {
            event("pd-co", person.getKey(), campaign, m, type, Instant.now(),
                    type.equals("click") ? "https://penguinmails.test/x" : null, null);
            long newest = count("SELECT max(id) FROM penguinmails.engagement_events WHERE tenant_id = 'pd-co'");

            // when: the next scheduled run
            assertThat(sync(PipedriveConnectorProvider.KIND).getStatus()).isEqualTo(BatchStatus.COMPLETED);

            // then: the event is on the timeline after that one run, and the watermark is at the newest event
            List<CrmTimelines.Logged> logged = byKey(timeline(PipedriveConnectorProvider.KIND).all())
                    .get(ActivityComposer.emailKey(m));
            assertThat(logged).hasSize(1);
            assertThat(logged.get(0).body()).contains(switch (type) {
                case "sent" -> "Sent ";
                case "open" -> "Opened once";
                default -> "https://penguinmails.test/x";
            });
            assertThat(jdbc.sql("SELECT position FROM crm_sync.watermarks WHERE connection_id = " + connection
                    + " AND stream = 'engagement-sync.events'").query(String.class).single())
                    .isEqualTo(Long.toString(newest));
        }
    }

    @Test
    void anEventWhoseTransactionCommittedAfterARunReadPastItsIdIsLoggedByTheNextRun() throws Exception {
        // given: an id taken by a transaction that has not committed yet (a gap), and a newer event logged by a run
        Map.Entry<Long, String> person = linked(HubSpotConnectorProvider.KIND).entrySet().iterator().next();
        long campaign = campaign("hs-co", "Late commit");
        String late = message(), early = message();
        sent("hs-co", person.getKey(), campaign, late, Instant.now().minusSeconds(5));
        long gap = count("SELECT max(id) FROM penguinmails.engagement_events");
        jdbc.sql("DELETE FROM penguinmails.engagement_events WHERE id = " + gap).update();
        sent("hs-co", person.getKey(), campaign, early, Instant.now().minusSeconds(4));
        assertThat(sync(HubSpotConnectorProvider.KIND).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(byKey(timeline(HubSpotConnectorProvider.KIND).all())).containsKey(ActivityComposer.emailKey(early))
                .doesNotContainKey(ActivityComposer.emailKey(late));

        // when: that transaction commits its event under the older id, and the next scheduled run comes
        jdbc.sql("""
                INSERT INTO penguinmails.engagement_events (id, tenant_id, contact_id, campaign_id, message_id,
                                                            event_type, occurred_at)
                OVERRIDING SYSTEM VALUE VALUES (:id, 'hs-co', :c, :campaign, :m, 'sent', now())""")
                .param("id", gap).param("c", person.getKey()).param("campaign", campaign).param("m", late).update();
        assertThat(sync(HubSpotConnectorProvider.KIND).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then: it is on the timeline, once
        assertThat(byKey(timeline(HubSpotConnectorProvider.KIND).all()).get(ActivityComposer.emailKey(late))).hasSize(1);
    }

    @Test
    void perEventLoggingMakesOneActivityPerEvent() throws Exception {
        // given: the HubSpot connection logs events one by one, without follow-ups
        long connection = crms.get(HubSpotConnectorProvider.KIND).connection();
        jdbc.sql("UPDATE crm_sync.connections SET settings = settings || "
                + "'{\"activityLogging\": \"per-event\", \"followUpTasks\": \"false\"}'::jsonb WHERE id = " + connection)
                .update();
        try {
            Map.Entry<Long, String> person = linked(HubSpotConnectorProvider.KIND).entrySet().iterator().next();
            long campaign = campaign("hs-co", "Per event");
            String m = message();
            sent("hs-co", person.getKey(), campaign, m, Instant.now().minusSeconds(30));
            event("hs-co", person.getKey(), campaign, m, "open", Instant.now().minusSeconds(20), null, null);
            event("hs-co", person.getKey(), campaign, m, "reply", Instant.now().minusSeconds(10), null, null);
            List<Long> ids = jdbc.sql("SELECT id FROM penguinmails.engagement_events WHERE message_id = :m ORDER BY id")
                    .param("m", m).query(Long.class).list();

            // when
            assertThat(sync(HubSpotConnectorProvider.KIND).getStatus()).isEqualTo(BatchStatus.COMPLETED);

            // then
            Map<String, List<CrmTimelines.Logged>> logged = byKey(timeline(HubSpotConnectorProvider.KIND).all());
            for (long id : ids) {
                assertThat(logged.get("pm-e-" + id)).hasSize(1);
            }
            assertThat(logged.get("pm-e-" + ids.get(1)).get(0).subject()).isEqualTo("Opened: Per event");
            assertThat(logged).doesNotContainKeys(ActivityComposer.emailKey(m), ActivityComposer.emailKey(m) + "#reply");
        } finally {
            jdbc.sql("UPDATE crm_sync.connections SET settings = settings - 'activityLogging' - 'followUpTasks' "
                    + "WHERE id = " + connection).update();
        }
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void leadScorePushesAChangedScoreToTheCrmOnceAndNothingWhenItDidNotChange(CrmKind crm) throws Exception {
        // given: a linked contact engages
        String tenant = TENANTS.get(crm);
        Map.Entry<Long, String> person = List.copyOf(linked(crm).entrySet()).get(5);
        long campaign = campaign(tenant, "Score " + crm);
        String m = message();
        sent(tenant, person.getKey(), campaign, m, Instant.now().minusSeconds(60));
        event(tenant, person.getKey(), campaign, m, "open", Instant.now().minusSeconds(50), null, null);
        event(tenant, person.getKey(), campaign, m, "reply", Instant.now().minusSeconds(40), null, null);

        // when
        JobExecution scored = run(LeadScoreJobConfiguration.JOB_NAME, 2, tenant);

        // then: the CRM holds the new score
        assertThat(scored.getStatus()).as("%s", scored.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        int score = jdbc.sql("SELECT lead_score FROM penguinmails.contacts WHERE id = " + person.getKey())
                .query(Integer.class).single();
        assertThat(score).isPositive();
        assertThat(crmScore(crm, person.getValue())).isEqualTo(score);

        // when: the score is marked changed again without changing, and lead-score and contact-sync run
        jdbc.sql("INSERT INTO crm_sync.contact_changes (contact_id, tenant_id, reasons) VALUES (:c, :t, '{lead_score}')"
                        + " ON CONFLICT (contact_id) DO UPDATE SET change_seq = nextval('crm_sync.contact_change_seq')")
                .param("c", person.getKey()).param("t", tenant).update();
        long before = server(crm).stats().totalRequests();
        assertThat(run(LeadScoreJobConfiguration.JOB_NAME, 2, tenant).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then: nothing was sent
        assertThat(server(crm).stats().totalRequests()).isEqualTo(before);
    }

    @Test
    void aScorePushThatFailsForOneContactIsDeadLetteredWhileTheOtherScoresGoAndItGoesOnTheNextRun()
            throws Exception {
        // given: two linked HubSpot contacts engage; the database refuses the link update of one (a test trigger)
        CrmKind crm = HubSpotConnectorProvider.KIND;
        String tenant = TENANTS.get(crm);
        List<Map.Entry<Long, String>> people = List.copyOf(linked(crm).entrySet());
        Map.Entry<Long, String> fine = people.get(8);
        Map.Entry<Long, String> refused = people.get(9);
        long campaign = campaign(tenant, "Refused score");
        for (Map.Entry<Long, String> person : List.of(fine, refused)) {
            String m = message();
            sent(tenant, person.getKey(), campaign, m, Instant.now().minusSeconds(60));
            event(tenant, person.getKey(), campaign, m, "reply", Instant.now().minusSeconds(40), null, null);
        }
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION refuse_one_link() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'refused by the test'; END $$""").update();
        JobExecution first;
        try {
            jdbc.sql("CREATE TRIGGER refuse_one_link BEFORE UPDATE ON crm_sync.record_links FOR EACH ROW WHEN "
                    + "(NEW.pm_id = " + refused.getKey() + " AND NEW.field_hashes IS DISTINCT FROM OLD.field_hashes)"
                    + " EXECUTE FUNCTION refuse_one_link()").update();
            // when
            first = run(LeadScoreJobConfiguration.JOB_NAME, 2, tenant);
        } finally {
            jdbc.sql("DROP TRIGGER IF EXISTS refuse_one_link ON crm_sync.record_links").update();
        }

        // then: completed, the other score is in the CRM, one open error of lead-score names the refused contact
        assertThat(first.getStatus()).as("%s", first.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(crmScore(crm, fine.getValue())).isEqualTo(score(fine.getKey())).isPositive();
        String key = "penguinmails:contact:" + refused.getKey();
        assertThat(count("SELECT count(*) FROM crm_sync.sync_errors WHERE job_name = 'lead-score' AND status = 'open' "
                + "AND record_key = '" + key + "'")).isEqualTo(1);

        // when: the next run
        assertThat(run(LeadScoreJobConfiguration.JOB_NAME, 2, tenant).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then: the refused contact was marked again, its score went, and its error is resolved
        assertThat(crmScore(crm, refused.getValue())).isEqualTo(score(refused.getKey())).isPositive();
        assertThat(count("SELECT count(*) FROM crm_sync.sync_errors WHERE job_name = 'lead-score' AND status = 'open' "
                + "AND record_key = '" + key + "'")).isZero();
    }

    private int score(long contactId) {
        return jdbc.sql("SELECT lead_score FROM penguinmails.contacts WHERE id = " + contactId).query(Integer.class)
                .single();
    }

    private int crmScore(CrmKind crm, String crmId) throws Exception {
        Map<String, Object> info = crms.get(crm).info();
        String url;
        String header;
        String value;
        switch (crm.id()) {
            case "salesforce" -> {
                url = info.get("restBaseUrl") + "/sobjects/" + (crmId.startsWith("00Q") ? "Lead" : "Contact")
                        + "/" + crmId;
                header = "Authorization";
                value = "Bearer " + info.get("accessToken");
            }
            case "hubspot" -> {
                url = info.get("baseUrl") + "/crm/v3/objects/contacts/" + crmId
                        + "?properties=penguinmails_lead_score";
                header = "Authorization";
                value = "Bearer " + info.get("privateAppToken");
            }
            default -> {
                url = info.get("apiDomain") + "/api/v2/persons/" + crmId;
                header = "x-api-token";
                value = info.get("apiToken").toString();
            }
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header(header, value).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
        return (int) switch (crm.id()) {
            case "salesforce" -> json.get("PenguinMails_Lead_Score__c").asDouble();
            case "hubspot" -> json.get("properties").get("penguinmails_lead_score").asDouble();
            case "pipedrive" -> json.get("data").get("custom_fields").get(((Map<?, ?>) info.get("customFields"))
                    .get("personLeadScore").toString()).asDouble();
            default -> throw new IllegalArgumentException("unknown CRM " + crm);
        };
    }
}
