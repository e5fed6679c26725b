package com.penguinmails.crmsync.job.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * contact-sync with a Salesforce org of 2,400 Contacts (and 600 Leads): a push of every contact's score goes out in
 * chunks of Salesforce's outbound size, so the Contacts reach the connector's Bulk API 2.0 threshold (more than 2,000
 * in one upsert) and land once each; and a backfill {@code --since} reads only the records modified since then.
 */
@SpringBootTest(properties = {"crmsync.contact-sync.chunk-size=200", "crmsync.contact-sync.page-size=2000"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactSyncSalesforceBulkAndSinceIT extends SyncJobIT {

    private static final String INGEST = "POST /services/data/{version}/jobs/ingest";
    private static final String SOAP = "POST /services/Soap/u/{version}";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "contact_sync_sf_bulk");
    }


    @AutoClose
    CrmDriver salesforce;
    long connection;

    @BeforeAll
    void connect() {
        salesforce = CrmDriver.start(SalesforceConnectorProvider.KIND, 2_400);
        tenant("initech", "Initech");
        connection = salesforce.connect(registry, "initech");
    }

    @Test
    @Order(1)
    void aPushOfEveryContactGoesThroughOneBulkIngestJobAndLandsOnce() throws Exception {
        // given: synced in (the seed's people without a usable e-mail stay dead letters), every contact re-scored
        assertThat(sync().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long linkedContacts = links("CONTACT");
        assertThat(linkedContacts).as("more than the Bulk threshold").isGreaterThan(2_000);
        List<Long> contacts = jdbc.sql("SELECT id FROM penguinmails.contacts").query(Long.class).list();
        jdbc.sql("UPDATE penguinmails.contacts SET lead_score = 77").update();
        changes.markChanged("initech", contacts, "lead_score");
        long ingestJobs = salesforce.server().stats().requests(INGEST);
        long soapCalls = salesforce.server().stats().requests(SOAP);
        long crmContacts = totalSize("SELECT Id FROM Contact");

        // when
        JobExecution push = sync();

        // then: one ingest job for the Contacts, the Leads in SOAP calls of 200 (plus the feed's few SOAP reads);
        // every linked Contact holds the score, and none was created
        assertThat(push.getStatus()).as("%s", push.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(salesforce.server().stats().requests(INGEST) - ingestJobs).isEqualTo(1);
        assertThat(salesforce.server().stats().requests(SOAP) - soapCalls).isLessThan(20);
        assertThat(totalSize("SELECT Id FROM Contact WHERE PenguinMails_Lead_Score__c = 77")).isEqualTo(linkedContacts);
        assertThat(totalSize("SELECT Id FROM Contact")).isEqualTo(crmContacts);
        assertThat(links("CONTACT")).isEqualTo(linkedContacts);
    }

    private long links(String objectType) {
        return jdbc.sql("SELECT count(*) FROM crm_sync.record_links WHERE object_type = :t AND deleted_at IS NULL")
                .param("t", objectType).query(Long.class).single();
    }

    @Test
    @Order(2)
    void aBackfillSinceReadsOnlyTheRecordsModifiedSinceThen() throws Exception {
        // given: 90 minutes on (sandbox time), one Contact edited; the window then closes a couple of minutes later
        salesforce.server().clock().advance(Duration.ofMinutes(90));
        Instant since = salesforce.server().clock().instant().minusSeconds(60);
        String id = jdbc.sql("SELECT crm_id FROM crm_sync.record_links WHERE object_type = 'CONTACT' ORDER BY crm_id "
                + "LIMIT 1").query(String.class).single();
        rest("PATCH", "/sobjects/Contact/" + id, "{\"LastName\": \"Sinceton\"}");
        salesforce.server().clock().advance(Duration.ofMinutes(2));

        // when
        JobExecution backfill = runner.run(ContactSyncJobConfiguration.JOB_NAME, new RunParameters(List.of(),
                List.of(connection), Shard.ALL, 1, Instant.now(), "inbound", false, since));

        // then: that Contact alone was read (no Lead changed), and its edit came in
        assertThat(backfill.getStatus()).as("%s", backfill.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(backfill.getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith("contactInboundConnectionStep:"))
                .mapToLong(s -> s.getReadCount()).sum()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT c.last_name FROM penguinmails.contacts c JOIN crm_sync.record_links l "
                + "ON l.pm_id = c.id AND l.crm_id = :id").param("id", id).query(String.class).single())
                .isEqualTo("Sinceton");
    }

    private JobExecution sync() {
        return run(ContactSyncJobConfiguration.JOB_NAME, 1, "initech");
    }

    private long totalSize(String soql) throws Exception {
        return rest("GET", "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8), null).get("totalSize")
                .asLong();
    }

    private JsonNode rest(String method, String path, String json) throws Exception {
        return salesforce.call(method, path, json);
    }
}
