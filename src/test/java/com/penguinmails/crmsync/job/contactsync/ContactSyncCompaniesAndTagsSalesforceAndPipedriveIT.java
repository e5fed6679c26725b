package com.penguinmails.crmsync.job.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * contact-sync of Salesforce Accounts (name, Website as domain) and Pipedrive organizations into companies, the
 * people pointing at them (AccountId, org_id), and Salesforce's multi-select picklist of tags into segment lists.
 */
@SpringBootTest(properties = {"crmsync.contact-sync.chunk-size=20", "crmsync.contact-sync.page-size=200"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactSyncCompaniesAndTagsSalesforceAndPipedriveIT extends SyncJobIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "contact_sync_companies_sf_pd");
    }


    @AutoClose
    CrmDriver salesforce;
    @AutoClose
    CrmDriver pipedrive;
    long salesforceConnection;
    long pipedriveConnection;
    final HttpClient http = HttpClient.newHttpClient();

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

    /** Salesforce's REST API with the sandbox's access token; the answer's JSON (empty for 204). */
    private JsonNode salesforce(String method, String path, String body) throws Exception {
        return salesforce.call(method, path, body);
    }

    private JsonNode soql(String query) throws Exception {
        return salesforce("GET", "/query?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), null).get("records");
    }

    /** Edits in Salesforce become visible to the next delta once its minute has passed. */
    private void aMinuteLater() {
        salesforce.server().clock().advance(Duration.ofMinutes(2));
    }

    private long pmId(long connection, String crmId) {
        return jdbc.sql("SELECT pm_id FROM crm_sync.record_links WHERE connection_id = :c AND crm_id = :id")
                .param("c", connection).param("id", crmId).query(Long.class).single();
    }

    /** For Pipedrive, whose persons and organizations are numbered apart (person 1 and organization 1 both exist). */
    private long pmId(long connection, String entity, String crmId) {
        return jdbc.sql("SELECT pm_id FROM crm_sync.record_links WHERE connection_id = :c AND pm_entity = :e "
                        + "AND crm_id = :id")
                .param("c", connection).param("e", entity).param("id", crmId).query(Long.class).single();
    }

    private List<Long> members(String tenant, String listName) {
        return jdbc.sql("""
                        SELECT m.contact_id FROM penguinmails.list_members m JOIN penguinmails.lists l ON l.id = m.list_id
                        WHERE l.tenant_id = :t AND l.name = :n ORDER BY m.contact_id""")
                .param("t", tenant).param("n", listName).query(Long.class).list();
    }

    @Test
    @Order(1)
    void salesforceAccountsBecomeCompaniesWithTheirWebsitesDomainAndContactsPointAtThem() throws Exception {
        // when
        JobExecution execution = sync("initech");

        // then
        assertThat(execution.getStatus()).as("%s", execution.getAllFailureExceptions())
                .isEqualTo(BatchStatus.COMPLETED);
        JsonNode accounts = soql("SELECT Id, Name, Website FROM Account");
        assertThat(count("SELECT count(*) FROM penguinmails.companies WHERE tenant_id = 'initech'"))
                .isEqualTo(accounts.size()).isPositive();
        for (JsonNode account : accounts) {
            String website = account.get("Website").asString();
            assertThat(jdbc.sql("SELECT name || ' ' || domain FROM penguinmails.companies WHERE id = :id")
                    .param("id", pmId(salesforceConnection, account.get("Id").asString())).query(String.class)
                    .single()).isEqualTo(account.get("Name").asString() + " "
                    + website.substring("https://www.".length()));
        }
        for (JsonNode contact : soql("SELECT Id, AccountId FROM Contact")) {
            assertThat(jdbc.sql("SELECT company_id FROM penguinmails.contacts WHERE id = :id")
                    .param("id", pmId(salesforceConnection, contact.get("Id").asString())).query(Long.class)
                    .single()).isEqualTo(pmId(salesforceConnection, contact.get("AccountId").asString()));
        }
        assertThat(members("initech", "Salesforce contacts (connection " + salesforceConnection + ")"))
                .hasSize(50); // 40 contacts and 10 leads
        assertThat(count("SELECT count(*) FROM crm_sync.sync_errors WHERE connection_id = " + salesforceConnection))
                .isZero();
    }

    @Test
    @Order(2)
    void tagsOfTheMultiSelectPicklistBecomeSegmentsAndARemovedTagLeavesItsSegment() throws Exception {
        // given
        String contact = soql("SELECT Id FROM Contact ORDER BY Id LIMIT 1").get(0).get("Id").asString();
        String lead = soql("SELECT Id FROM Lead ORDER BY Id LIMIT 1").get(0).get("Id").asString();
        salesforce("PATCH", "/sobjects/Contact/" + contact, "{\"PenguinMails_Tags__c\": \"vip;beta\"}");
        salesforce("PATCH", "/sobjects/Lead/" + lead, "{\"PenguinMails_Tags__c\": \"vip\"}");
        aMinuteLater();

        // when
        assertThat(sync("initech").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then
        long contactId = pmId(salesforceConnection, contact);
        long leadId = pmId(salesforceConnection, lead);
        assertThat(members("initech", "tag: vip")).containsExactlyInAnyOrder(contactId, leadId);
        assertThat(members("initech", "tag: beta")).containsExactly(contactId);

        // when: vip is unticked on the contact
        salesforce("PATCH", "/sobjects/Contact/" + contact, "{\"PenguinMails_Tags__c\": \"beta\"}");
        aMinuteLater();
        assertThat(sync("initech").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then
        assertThat(members("initech", "tag: vip")).containsExactly(leadId);
        assertThat(members("initech", "tag: beta")).containsExactly(contactId);
        assertThat(List.of((String[]) jdbc.sql("SELECT tags FROM penguinmails.contacts WHERE id = :id")
                .param("id", contactId).query((rs, n) -> rs.getArray(1).getArray()).single()))
                .containsExactly("beta");
    }

    @Test
    @Order(3)
    void anAccountDeletedInSalesforceClosesItsLinkAndSoftDeletesTheCompany() throws Exception {
        // given
        String account = salesforce("POST", "/sobjects/Account",
                "{\"Name\": \"Lone Co\", \"Website\": \"https://lone.example/about\"}").get("id").asString();
        aMinuteLater();
        assertThat(sync("initech").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long companyId = pmId(salesforceConnection, account);
        assertThat(jdbc.sql("SELECT domain FROM penguinmails.companies WHERE id = :id").param("id", companyId)
                .query(String.class).single()).isEqualTo("lone.example");

        // when
        salesforce("DELETE", "/sobjects/Account/" + account, null);
        aMinuteLater();
        assertThat(sync("initech").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then
        assertThat(jdbc.sql("SELECT deleted_at IS NOT NULL FROM penguinmails.companies WHERE id = :id")
                .param("id", companyId).query(Boolean.class).single()).isTrue();
        assertThat(count("SELECT count(*) FROM penguinmails.companies WHERE deleted_at IS NULL "
                + "AND tenant_id = 'initech'")).isEqualTo(soql("SELECT Id FROM Account").size());
    }

    @Test
    @Order(4)
    void pipedriveOrganizationsBecomeCompaniesWithoutADomainAndPersonsPointAtTheirOrganization() throws Exception {
        // when
        JobExecution execution = sync("globex");

        // then
        assertThat(execution.getStatus()).as("%s", execution.getAllFailureExceptions())
                .isEqualTo(BatchStatus.COMPLETED);
        String token = pipedrive.info().get("apiToken").toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(pipedrive.info().get("apiDomain")
                + "/api/v2/persons?limit=500")).header("x-api-token", token).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode persons = JSON.readTree(response.body()).get("data");
        long withOrganization = 0;
        for (JsonNode person : persons) {
            JsonNode org = person.get("org_id");
            Long companyId = jdbc.sql("SELECT company_id FROM penguinmails.contacts WHERE id = :id")
                    .param("id", pmId(pipedriveConnection, "contact", person.get("id").asString())).query(Long.class).single();
            if (org == null || org.isNull()) {
                assertThat(companyId).isNull();
            } else {
                withOrganization++;
                assertThat(companyId).isEqualTo(pmId(pipedriveConnection, "company", org.asString()));
            }
        }
        assertThat(withOrganization).isPositive();
        assertThat(count("SELECT count(*) FROM penguinmails.companies WHERE tenant_id = 'globex' "
                + "AND domain IS NULL")).isEqualTo(count("SELECT count(*) FROM crm_sync.record_links "
                + "WHERE pm_entity = 'company' AND connection_id = " + pipedriveConnection)).isPositive();
    }
}
