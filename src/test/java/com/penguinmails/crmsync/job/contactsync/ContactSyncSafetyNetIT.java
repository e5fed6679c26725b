package com.penguinmails.crmsync.job.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.credentials.Credential;
import com.penguinmails.crmsync.credentials.CredentialStore;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.store.SyncErrorStore;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The safety net under contact-sync (RecordSafetyNet): a record PostgreSQL refuses for a reason no cleaning names (a
 * check constraint, a trigger installed by the test) fails neither its chunk nor its partition, inbound (contacts and
 * companies) and outbound: the rest of the chunk syncs, the record is one open error naming its key and the reason
 * (never its value), and it syncs, resolving the error, once the cause is gone. A connection-wide failure (a revoked
 * token) still fails the partition, dead-lettering nothing.
 */
@SpringBootTest(properties = {"crmsync.contact-sync.chunk-size=10", "crmsync.contact-sync.page-size=10"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactSyncSafetyNetIT extends SyncJobIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "contact_sync_safety_net");
    }

    @Autowired
    CredentialStore credentials;
    @Autowired
    SyncErrorStore errors;

    private final List<CrmDriver> sandboxes = new ArrayList<>();

    @AfterAll
    void stop() {
        sandboxes.forEach(CrmDriver::close);
    }

    @Test
    void aContactPostgresRefusesIsDeadLetteredWhileTheRestOfItsChunkSyncsAndSyncsOnceTheCauseIsGone()
            throws Exception {
        // given: five HubSpot contacts in one chunk; PostgreSQL refuses one of them (a check no cleaning knows)
        CrmDriver hubspot = sandbox();
        long connection = connect("refused-contact", hubspot);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(hubspot.create("person" + i + "@net.example", "Person" + i, "Net"));
        }
        String poisoned = ids.get(2);

        // when
        JobExecution first = syncWhile("refused-contact", List.of("ALTER TABLE penguinmails.contacts ADD CONSTRAINT "
                        + "safety_net_test_check CHECK (email <> 'person2@net.example') NOT VALID"),
                List.of("ALTER TABLE penguinmails.contacts DROP CONSTRAINT safety_net_test_check"));

        // then: the partition completed, the four others synced, one open error naming the record and the check
        assertCompleted(first);
        assertThat(emails("refused-contact")).containsExactlyInAnyOrder("person0@net.example", "person1@net.example",
                "person3@net.example", "person4@net.example");
        assertThat(open(connection)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("error");
            assertThat(e.recordKey()).isEqualTo("hubspot:contact:" + poisoned);
            assertThat(e.reason()).contains("23514", "safety_net_test_check").doesNotContain("person2");
        });
        assertThat(writeSkips(first, "contactInbound")).isEqualTo(1);

        // when: the record changes in the CRM again (inbound dead letters are retried then, or by a backfill)
        hubspot.server().clock().advance(java.time.Duration.ofSeconds(2));
        hubspot.call("PATCH", "/crm/v3/objects/contacts/" + poisoned,
                "{\"properties\": {\"lastname\": \"Again\"}}");
        assertCompleted(sync("refused-contact"));

        // then: it synced and its error is resolved
        assertThat(emails("refused-contact")).contains("person2@net.example");
        assertThat(open(connection)).isEmpty();
        assertThat(resolved(connection)).isEqualTo(1);
    }

    @Test
    void aCompanyPostgresRefusesIsDeadLetteredWhileTheOtherCompaniesSync() throws Exception {
        // given: three HubSpot companies; PostgreSQL refuses one
        CrmDriver hubspot = sandbox();
        long connection = connect("refused-company", hubspot);
        createCompany(hubspot, "Good One", "good-one.example");
        String poisoned = createCompany(hubspot, "Bad Co", "bad-co.example");
        createCompany(hubspot, "Good Two", "good-two.example");

        // when
        JobExecution first = syncWhile("refused-company", List.of("ALTER TABLE penguinmails.companies ADD CONSTRAINT "
                        + "safety_net_test_no_bad_co CHECK (name <> 'Bad Co') NOT VALID"),
                List.of("ALTER TABLE penguinmails.companies DROP CONSTRAINT safety_net_test_no_bad_co"));

        // then
        assertCompleted(first);
        assertThat(companies("refused-company")).containsExactlyInAnyOrder("Good One", "Good Two");
        assertThat(open(connection)).singleElement().satisfies(e -> {
            assertThat(e.recordKey()).isEqualTo("hubspot:company:" + poisoned);
            assertThat(e.reason()).contains("safety_net_test_no_bad_co").doesNotContain("Bad Co");
        });

        // when: the company changes in the CRM
        hubspot.server().clock().advance(java.time.Duration.ofSeconds(2));
        hubspot.call("PATCH", "/crm/v3/objects/companies/" + poisoned,
                "{\"properties\": {\"domain\": \"bad-co.example.org\"}}");
        assertCompleted(sync("refused-company"));

        // then
        assertThat(companies("refused-company")).contains("Bad Co");
        assertThat(open(connection)).isEmpty();
    }

    @Test
    void anOutboundContactWhoseWriteFailsIsDeadLetteredRetriedByTheNextRunAndNeverDuplicated() throws Exception {
        // given: four linked contacts, each renamed in PenguinMails; writing one's link fails (a test trigger)
        CrmDriver hubspot = sandbox();
        long connection = connect("refused-outbound", hubspot);
        List<Long> contacts = linkedAndRenamed(hubspot, "refused-outbound", 4, "Renamed");
        long poisoned = contacts.get(1);

        // when
        JobExecution first = syncWhile("refused-outbound", List.of("""
                        CREATE FUNCTION safety_net_test_refuse_link() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN RAISE EXCEPTION 'refused by the test'; END $$""",
                "CREATE TRIGGER safety_net_test_refuse_link BEFORE UPDATE ON crm_sync.record_links FOR EACH ROW "
                        + "WHEN (NEW.pm_id = " + poisoned + " AND NEW.field_hashes IS DISTINCT FROM "
                        + "OLD.field_hashes) EXECUTE FUNCTION safety_net_test_refuse_link()"),
                List.of("DROP TRIGGER safety_net_test_refuse_link ON crm_sync.record_links",
                        "DROP FUNCTION safety_net_test_refuse_link()"));

        // then: completed; every other contact's link took the new name; one open error naming the contact
        assertCompleted(first);
        assertThat(lastNameHashes(connection, "Renamed")).isEqualTo(3);
        assertThat(open(connection)).singleElement().satisfies(e -> {
            assertThat(e.recordKey()).isEqualTo("penguinmails:contact:" + poisoned);
            assertThat(e.reason()).contains("P0001", "refused by the test");
        });
        assertThat(writeSkips(first, "contactOutbound")).isEqualTo(1);

        // when: the next run, with the cause gone
        assertCompleted(sync("refused-outbound"));

        // then: the contact was retried and synced, its error resolved, and the CRM holds four people, renamed
        assertThat(lastNameHashes(connection, "Renamed")).isEqualTo(4);
        assertThat(open(connection)).isEmpty();
        JsonNode renamed = hubspot.call("POST", "/crm/v3/objects/contacts/search",
                "{\"filterGroups\": [{\"filters\": [{\"propertyName\": \"lastname\", \"operator\": \"EQ\", "
                        + "\"value\": \"Renamed\"}]}]}");
        assertThat(renamed.get("total").asLong()).isEqualTo(4);
        assertThat(hubspot.call("GET", "/crm/v3/objects/contacts?limit=100", null)
                .get("results").size()).isEqualTo(4);
    }

    @Test
    void aRevokedTokenStillFailsTheOutboundPartitionAndDeadLettersNothing() throws Exception {
        // given: linked contacts, changed in PenguinMails, and the connection's token revoked
        CrmDriver hubspot = sandbox();
        long connection = connect("revoked-outbound", hubspot);
        linkedAndRenamed(hubspot, "revoked-outbound", 3, "Revoked");
        credentials.save(connection, new Credential.ApiToken("pat-na1-revoked-by-the-test"));

        // when: its outbound step runs (a backfill of that direction: the CRM is only called by the writer)
        JobExecution run = runner.run(ContactSyncJobConfiguration.JOB_NAME, new RunParameters(
                List.of("revoked-outbound"), List.of(), Shard.ALL, 2, Instant.now(), "outbound", false, null));

        // then: the partition failed (a restart resumes it), nothing was dead-lettered or skipped
        assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(open(connection)).isEmpty();
        assertThat(writeSkips(run, "contactOutbound")).isZero();
        assertThat(jdbc.sql("SELECT status FROM crm_sync.connections WHERE id = :c").param("c", connection)
                .query(String.class).single()).isEqualTo("auth_failed");
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private CrmDriver sandbox() {
        CrmDriver sandbox = CrmDriver.start(HubSpotConnectorProvider.KIND, 0);
        sandboxes.add(sandbox);
        return sandbox;
    }

    private long connect(String tenant, CrmDriver hubspot) {
        tenant(tenant, tenant);
        return hubspot.connect(registry, tenant, tenant + "-hub", Map.of("requestsPerSecond", "200"));
    }

    private static String createCompany(CrmDriver hubspot, String name, String domain) throws Exception {
        return hubspot.call("POST", "/crm/v3/objects/companies", "{\"properties\": "
                + "{\"name\": \"" + name + "\", \"domain\": \"" + domain + "\"}}").get("id").asString();
    }

    /** {@code count} HubSpot contacts synced in, then renamed in PenguinMails and marked changed; their ids. */
    private List<Long> linkedAndRenamed(CrmDriver hubspot, String tenant, int count, String lastName)
            throws Exception {
        for (int i = 0; i < count; i++) {
            hubspot.create(tenant + i + "@net.example", "Person" + i, "Net");
        }
        assertCompleted(sync(tenant));
        List<Long> contacts = jdbc.sql("SELECT id FROM penguinmails.contacts WHERE tenant_id = :t ORDER BY id")
                .param("t", tenant).query(Long.class).list();
        jdbc.sql("UPDATE penguinmails.contacts SET last_name = :n, updated_at = now() WHERE tenant_id = :t")
                .param("n", lastName).param("t", tenant).update();
        changes.markChanged(tenant, contacts, "test");
        return contacts;
    }

    private JobExecution sync(String tenant) {
        return run(ContactSyncJobConfiguration.JOB_NAME, 2, tenant);
    }

    /** A contact-sync run of the tenant while the {@code install} statements hold; {@code remove} undoes them. */
    private JobExecution syncWhile(String tenant, List<String> install, List<String> remove) {
        install.forEach(sql -> jdbc.sql(sql).update());
        try {
            return sync(tenant);
        } finally {
            remove.forEach(sql -> jdbc.sql(sql).update());
        }
    }

    /** Write skips of the partitions of the step whose name starts with {@code step}. */
    private static long writeSkips(JobExecution execution, String step) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().startsWith(step)
                && s.getStepName().contains(":")).mapToLong(StepExecution::getWriteSkipCount).sum();
    }

    private List<SyncErrorStore.Entry> open(long connection) {
        return errors.list(null, connection, "open", 100);
    }

    private long resolved(long connection) {
        return jdbc.sql("SELECT count(*) FROM crm_sync.sync_errors WHERE connection_id = :c AND status = 'resolved'")
                .param("c", connection).query(Long.class).single();
    }

    private List<String> emails(String tenant) {
        return jdbc.sql("SELECT email FROM penguinmails.contacts WHERE tenant_id = :t").param("t", tenant)
                .query(String.class).list();
    }

    private List<@Nullable String> companies(String tenant) {
        return jdbc.sql("SELECT name FROM penguinmails.companies WHERE tenant_id = :t").param("t", tenant)
                .query(String.class).list();
    }

    /** Contact links of the connection whose last-name hash is that of {@code lastName}, as the outbound step left them. */
    private long lastNameHashes(long connection, String lastName) {
        return jdbc.sql("""
                        SELECT count(*) FROM crm_sync.record_links
                        WHERE connection_id = :c AND pm_entity = 'contact'
                          AND field_hashes ->> 'last_name' = :h""")
                .param("c", connection).param("h", com.penguinmails.crmsync.conflict.ValueHash.of(lastName))
                .query(Long.class).single();
    }
}
