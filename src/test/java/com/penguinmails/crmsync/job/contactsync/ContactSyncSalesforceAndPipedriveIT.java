package com.penguinmails.crmsync.job.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * contact-sync with a tenant on Salesforce (OAuth, contacts and leads) and one on Pipedrive (API token, emails as
 * lists, custom fields by name): people come in, lead scores go out, and the run after changes nothing.
 */
@SpringBootTest(properties = {"crmsync.contact-sync.chunk-size=20", "crmsync.contact-sync.page-size=200"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactSyncSalesforceAndPipedriveIT extends SyncJobIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "contact_sync_sf_pd");
    }


    @AutoClose
    CrmDriver salesforce;
    @AutoClose
    CrmDriver pipedrive;
    long salesforceConnection;
    long pipedriveConnection;

    @BeforeAll
    void connect() {
        salesforce = CrmDriver.start(SalesforceConnectorProvider.KIND, 40);
        pipedrive = CrmDriver.start(PipedriveConnectorProvider.KIND, 30);
        tenant("initech", "Initech");
        tenant("globex", "Globex");
        salesforceConnection = salesforce.connect(registry, "initech");
        pipedriveConnection = pipedrive.connect(registry, "globex", "globex-pd");
    }

    private JobExecution sync(String tenant) {
        return run(ContactSyncJobConfiguration.JOB_NAME, 2, tenant);
    }

    private void pushScore(String tenant, int score) {
        List<Long> ids = jdbc.sql("SELECT id FROM penguinmails.contacts WHERE tenant_id = :t ORDER BY id LIMIT 2")
                .param("t", tenant).query(Long.class).list();
        jdbc.sql("UPDATE penguinmails.contacts SET lead_score = :s WHERE id = ANY(CAST(:ids AS bigint[]))")
                .param("s", score).param("ids", ids.toArray(Long[]::new)).update();
        changes.markChanged(tenant, ids, "lead_score");
    }

    private String linkedCrmId(String tenant) {
        return jdbc.sql("""
                        SELECT l.crm_id FROM crm_sync.record_links l
                        JOIN penguinmails.contacts c ON c.id = l.pm_id AND l.pm_entity = 'contact'
                        WHERE c.tenant_id = :t ORDER BY c.id LIMIT 1""")
                .param("t", tenant).query(String.class).single();
    }

    @Test
    void salesforceContactsAndLeadsComeInAndAScoreGoesOutToTheCustomField() throws Exception {
        // when
        JobExecution first = sync("initech");

        // then: 40 contacts and 10 leads, all linked, no dead letters
        assertThat(first.getStatus()).as("%s", first.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("SELECT count(*) FROM penguinmails.contacts WHERE tenant_id = 'initech'")).isEqualTo(50);
        assertThat(count("SELECT count(*) FROM crm_sync.record_links WHERE pm_entity = 'contact' AND connection_id = "
                + salesforceConnection))
                .isEqualTo(50);
        assertThat(count("SELECT count(*) FROM crm_sync.sync_errors WHERE connection_id = " + salesforceConnection))
                .isZero();

        // when: a score changes
        pushScore("initech", 64);
        JobExecution second = sync("initech");

        // then: the Salesforce record holds it (read with the sandbox's current token through SOQL over REST)
        assertThat(second.getStatus()).as("%s", second.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        JsonNode rows = salesforce.call("GET", "/query?q="
                + java.net.URLEncoder.encode("SELECT PenguinMails_Lead_Score__c FROM Contact WHERE Id = '"
                + linkedCrmId("initech") + "'", java.nio.charset.StandardCharsets.UTF_8), null);
        assertThat(rows.get("records").get(0).get("PenguinMails_Lead_Score__c").asDouble()).isEqualTo(64.0);

        // when: a score changes on a contact linked to a Lead (whose Company PenguinMails does not keep)
        Map.Entry<Long, String> lead = jdbc.sql("""
                        SELECT l.pm_id, l.crm_id FROM crm_sync.record_links l
                        WHERE l.connection_id = :c AND l.object_type = 'LEAD' ORDER BY l.pm_id LIMIT 1""")
                .param("c", salesforceConnection)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).single();
        jdbc.sql("UPDATE penguinmails.contacts SET lead_score = 71 WHERE id = :id").param("id", lead.getKey()).update();
        changes.markChanged("initech", List.of(lead.getKey()), "lead_score");
        assertThat(sync("initech").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then: the Lead holds it, and nothing was refused
        JsonNode leadRows = salesforce.call("GET", "/query?q="
                + java.net.URLEncoder.encode("SELECT PenguinMails_Lead_Score__c, Company FROM Lead WHERE Id = '"
                + lead.getValue() + "'", java.nio.charset.StandardCharsets.UTF_8), null);
        assertThat(leadRows.get("records").get(0).get("PenguinMails_Lead_Score__c").asDouble()).isEqualTo(71.0);
        assertThat(leadRows.get("records").get(0).get("Company").asString()).isNotBlank();
        assertThat(count("SELECT count(*) FROM crm_sync.sync_errors WHERE status = 'open' AND connection_id = "
                + salesforceConnection)).isZero();
        assertNextRunChangesNothing("initech");
    }

    /** The run after a sync reads back its own writes (echoes) and must not write PenguinMails again. */
    private void assertNextRunChangesNothing(String tenant) {
        java.time.OffsetDateTime before = jdbc.sql("SELECT now()").query(java.time.OffsetDateTime.class).single();
        assertThat(sync(tenant).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT count(*) FROM penguinmails.contacts WHERE tenant_id = :t AND updated_at > :b")
                .param("t", tenant).param("b", before).query(Long.class).single()).isZero();
    }

    @Test
    void pipedrivePersonsComeInByTheirPrimaryEmailAndAScoreGoesOutToTheNamedCustomField() throws Exception {
        // when
        JobExecution first = sync("globex");

        // then
        assertThat(first.getStatus()).as("%s", first.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("SELECT count(*) FROM penguinmails.contacts WHERE tenant_id = 'globex'")).isEqualTo(30);
        assertThat(count("SELECT count(*) FROM penguinmails.contacts WHERE tenant_id = 'globex' AND email LIKE '%@%'"))
                .isEqualTo(30);

        // when
        pushScore("globex", 58);
        JobExecution second = sync("globex");

        // then
        assertThat(second.getStatus()).as("%s", second.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        @SuppressWarnings("unchecked")
        Map<String, Object> custom = (Map<String, Object>) pipedrive.info().get("customFields");
        JsonNode person = pipedrive.call("GET", "/api/v2/persons/" + linkedCrmId("globex"), null);
        assertThat(person.get("data").get("custom_fields").get(custom.get("personLeadScore").toString()).asDouble())
                .isEqualTo(58.0);
        assertNextRunChangesNothing("globex");

        // when: a name is edited in PenguinMails (Pipedrive derives first and last name from the person's name)
        long contact = jdbc.sql("SELECT l.pm_id FROM crm_sync.record_links l WHERE l.crm_id = :id "
                + "AND l.pm_entity = 'contact'").param("id", linkedCrmId("globex")).query(Long.class).single();
        jdbc.sql("UPDATE penguinmails.contacts SET first_name = 'Grace', last_name = 'Hopper' WHERE id = :id")
                .param("id", contact).update();
        changes.markChanged("globex", List.of(contact), "edit");
        assertThat(sync("globex").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then: the person's name holds it, nothing was refused, and reading it back changes nothing
        JsonNode renamed = pipedrive.call("GET", "/api/v2/persons/" + linkedCrmId("globex"), null);
        assertThat(renamed.get("data").get("name").asString()).isEqualTo("Grace Hopper");
        assertThat(count("SELECT count(*) FROM crm_sync.sync_errors WHERE status = 'open' AND connection_id = "
                + pipedriveConnection)).isZero();
        assertNextRunChangesNothing("globex");
    }
}
