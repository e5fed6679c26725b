package com.penguinmails.crmsync.job.engagementsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.CrmTimelines;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * engagement-sync with the default Salesforce chunk (2,500 e-mails): a first run of more e-mails than the connector's
 * Bulk API 2.0 threshold logs its Tasks through one ingest job, and the updates of the next run through another.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngagementSyncSalesforceBulkIT extends SyncJobIT {

    private static final String INGEST = "POST /services/data/{version}/jobs/ingest";
    private static final String SOAP = "POST /services/Soap/u/{version}";
    private static final int EMAILS = 2_100;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "engagement_sync_sf_bulk");
    }


    @AutoClose
    CrmDriver salesforce;

    @BeforeAll
    void connectAndLink() {
        salesforce = CrmDriver.start(SalesforceConnectorProvider.KIND, 30);
        tenant("initech", "Initech");
        salesforce.connect(registry, "initech");
        assertThat(run(ContactSyncJobConfiguration.JOB_NAME, 1, "initech").getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    private JobExecution sync() {
        return run(EngagementSyncJobConfiguration.JOB_NAME, 1, "initech");
    }

    @Test
    void aLargeFirstRunLogsItsTasksThroughOneIngestJobAndItsUpdatesThroughAnother() throws Exception {
        // given: 2,100 e-mails sent to the linked people (Contacts and Leads)
        long campaign = jdbc.sql("INSERT INTO penguinmails.campaigns (tenant_id, name, subject) "
                + "VALUES ('initech', 'Bulk', 'Bulk news') RETURNING id").query(Long.class).single();
        jdbc.sql("""
                INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, campaign_id, message_id, event_type,
                                                            occurred_at)
                SELECT 'initech', l.pm_id, :campaign, 'bulk-' || n, 'sent', now() - interval '1 hour'
                FROM generate_series(1, :emails) AS n
                JOIN LATERAL (SELECT pm_id FROM crm_sync.record_links WHERE pm_entity = 'contact'
                              ORDER BY pm_id OFFSET n % 30 LIMIT 1) l ON true""")
                .param("campaign", campaign).param("emails", EMAILS).update();
        CrmTimelines timeline = salesforce.timeline();
        long ingest = salesforce.server().stats().requests(INGEST);

        // when
        JobExecution first = sync();

        // then: one ingest job created every Task, once
        assertThat(first.getStatus()).as("%s", first.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(salesforce.server().stats().requests(INGEST) - ingest).isEqualTo(1);
        Map<String, Long> tasks = timeline.all().stream().filter(t -> t.key().startsWith("pm-m-bulk-"))
                .collect(Collectors.groupingBy(CrmTimelines.Logged::key, Collectors.counting()));
        assertThat(tasks).hasSize(EMAILS).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));

        // when: each of them is opened
        jdbc.sql("""
                INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, campaign_id, message_id, event_type,
                                                            occurred_at)
                SELECT tenant_id, contact_id, campaign_id, message_id, 'open', now()
                FROM penguinmails.engagement_events WHERE message_id LIKE 'bulk-%'""").update();
        long soap = salesforce.server().stats().requests(SOAP);
        JobExecution second = sync();

        // then: a second ingest job updated them by id; no Task was added
        assertThat(second.getStatus()).as("%s", second.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(salesforce.server().stats().requests(INGEST) - ingest).isEqualTo(2);
        assertThat(salesforce.server().stats().requests(SOAP) - soap).isZero();
        List<CrmTimelines.Logged> after = timeline.all().stream().filter(t -> t.key().startsWith("pm-m-bulk-"))
                .toList();
        assertThat(after).hasSize(EMAILS).allSatisfy(t -> assertThat(t.body()).contains("Opened once"));
    }
}
