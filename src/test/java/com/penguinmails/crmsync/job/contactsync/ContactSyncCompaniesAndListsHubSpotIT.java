package com.penguinmails.crmsync.job.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.job.support.DryRunReport;
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

/**
 * contact-sync of HubSpot companies, contacts' companies, tags (segment lists), the connection's static list, and CRM
 * and PenguinMails deletes and merges, run after run against the HubSpot sandbox (and a second HubSpot account that
 * shares one contact).
 */
@SpringBootTest(properties = {"crmsync.contact-sync.chunk-size=25", "crmsync.contact-sync.page-size=50"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactSyncCompaniesAndListsHubSpotIT extends SyncJobIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "contact_sync_companies_hubspot");
    }

    @Autowired
    DryRunReport dryRunReport;

    @AutoClose
    CrmDriver hubspot;
    @AutoClose
    CrmDriver secondHub;
    long connectionId;
    long secondConnectionId;
    String namelessCompany;

    @BeforeAll
    void connect() {
        hubspot = CrmDriver.start(HubSpotConnectorProvider.KIND, 60);
        secondHub = CrmDriver.start(HubSpotConnectorProvider.KIND, 0);
        tenant("acme", "Acme");
        connectionId = connect(hubspot, "hub-1");
    }

    private long connect(CrmDriver sandbox, String account) {
        return sandbox.connect(registry, "acme", account);
    }

    private JobExecution sync() {
        return run(ContactSyncJobConfiguration.JOB_NAME, 2, "acme");
    }

    private JsonNode hubspot(CrmDriver sandbox, String method, String path, String body) throws Exception {
        return sandbox.call(method, path, body);
    }

    private void tag(String crmId, String tags) throws Exception {
        hubspot(hubspot, "PATCH", "/crm/v3/objects/contacts/" + crmId,
                "{\"properties\": {\"penguinmails_tags\": \"" + tags + "\"}}");
    }

    /** HubSpot's contact ids in the order PenguinMails linked them. */
    private List<String> linkedContacts() {
        return jdbc.sql("""
                        SELECT crm_id FROM crm_sync.record_links
                        WHERE connection_id = :c AND pm_entity = 'contact' AND deleted_at IS NULL
                          AND merged_into IS NULL ORDER BY pm_id""")
                .param("c", connectionId).query(String.class).list();
    }

    private long pmId(String crmId) {
        return jdbc.sql("SELECT pm_id FROM crm_sync.record_links WHERE connection_id = :c AND crm_id = :id")
                .param("c", connectionId).param("id", crmId).query(Long.class).single();
    }

    private List<Long> members(String listName) {
        return jdbc.sql("""
                        SELECT m.contact_id FROM penguinmails.list_members m JOIN penguinmails.lists l ON l.id = m.list_id
                        WHERE l.tenant_id = 'acme' AND l.name = :n ORDER BY m.contact_id""")
                .param("n", listName).query(Long.class).list();
    }

    private List<String> tagsOf(long contactId) {
        return List.of((String[]) jdbc.sql("SELECT tags FROM penguinmails.contacts WHERE id = :id")
                .param("id", contactId).query((rs, n) -> rs.getArray(1).getArray()).single());
    }

    private boolean softDeleted(long contactId) {
        return jdbc.sql("SELECT deleted_at IS NOT NULL FROM penguinmails.contacts WHERE id = :id")
                .param("id", contactId).query(Boolean.class).single();
    }

    private String connectionList(long connection) {
        return "HubSpot contacts (connection " + connection + ")";
    }

    /** HubSpot calls that write (batch create/update/upsert/archive, PATCH, DELETE, merges, unsubscribes). */
    private long hubSpotWrites() {
        return hubspot.server().stats().snapshot().entrySet().stream()
                .filter(e -> e.getKey().matches("(PATCH|PUT|DELETE) .*|.*batch/(create|update|upsert|archive).*"
                        + "|.*/merge|.*unsubscribe.*|POST /crm/v3/objects/\\{objectType}"))
                .mapToLong(e -> e.getValue().values().stream().mapToLong(Long::longValue).sum()).sum();
    }

    @Test
    @Order(1)
    void companiesComeInBeforeContactsWhichPointAtThemLandOnTheConnectionListAndTheirTagSegments() throws Exception {
        // given: two tagged contacts and a company without a name
        List<String> crmContacts = hubspot(hubspot, "GET", "/crm/v3/objects/contacts?limit=3", null).get("results")
                .valueStream().map(n -> n.get("id").asString()).toList();
        tag(crmContacts.get(0), "vip;partner");
        tag(crmContacts.get(1), "vip");
        namelessCompany = hubspot(hubspot, "POST", "/crm/v3/objects/companies",
                "{\"properties\": {\"domain\": \"nameless.example\"}}").get("id").asString();

        // when
        JobExecution execution = sync();

        // then: the 12 seeded companies are linked, the nameless one is dead-lettered by key and field
        assertThat(execution.getStatus()).as("%s", execution.getAllFailureExceptions())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("SELECT count(*) FROM penguinmails.companies WHERE tenant_id = 'acme'")).isEqualTo(12);
        assertThat(count("SELECT count(*) FROM crm_sync.record_links WHERE pm_entity = 'company' AND connection_id = "
                + connectionId)).isEqualTo(12);
        assertThat(jdbc.sql("SELECT record_key || ' ' || field FROM crm_sync.sync_errors WHERE status = 'open'")
                .query(String.class).list()).containsExactly("hubspot:company:" + namelessCompany + " name");
        assertThat(count("SELECT count(*) FROM crm_sync.watermarks WHERE stream = 'contact-sync.inbound.COMPANY' "
                + "AND connection_id = " + connectionId)).isEqualTo(1);
        // every contact points at the company its HubSpot record is associated with
        assertThat(count("SELECT count(*) FROM penguinmails.contacts WHERE tenant_id = 'acme'")).isEqualTo(60);
        for (String crmId : crmContacts) {
            String company = hubspot(hubspot, "GET", "/crm/v3/objects/contacts/" + crmId
                    + "?associations=companies", null).get("associations").get("companies").get("results").get(0)
                    .get("id").asString();
            assertThat(jdbc.sql("""
                            SELECT c.company_id = l.pm_id FROM penguinmails.contacts c, crm_sync.record_links l
                            WHERE c.id = :contact AND l.connection_id = :conn AND l.crm_id = :company""")
                    .param("contact", pmId(crmId)).param("conn", connectionId).param("company", company)
                    .query(Boolean.class).single()).as("contact %s", crmId).isTrue();
        }
        assertThat(count("SELECT count(*) FROM penguinmails.contacts WHERE company_id IS NULL")).isZero();
        // every imported contact is on the connection's static list; tags are segments
        assertThat(members(connectionList(connectionId))).hasSize(60);
        long vip = pmId(crmContacts.get(0));
        long alsoVip = pmId(crmContacts.get(1));
        assertThat(tagsOf(vip)).containsExactly("partner", "vip");
        assertThat(members("tag: vip")).containsExactlyInAnyOrder(vip, alsoVip);
        assertThat(members("tag: partner")).containsExactly(vip);
        assertThat(jdbc.sql("SELECT kind || ' ' || segment_rule::text FROM penguinmails.lists WHERE name = 'tag: vip'")
                .query(String.class).single()).isEqualTo("segment {\"tag\": \"vip\"}");
    }

    @Test
    @Order(2)
    void aTagRemovedOrAddedInHubSpotChangesTheContactsTagsAndSegmentsOnTheNextRun() throws Exception {
        // given
        List<String> crmContacts = linkedContacts();
        String wasVip = hubspot(hubspot, "GET", "/crm/v3/objects/contacts?limit=1", null).get("results").get(0)
                .get("id").asString();
        String newlyChurned = crmContacts.get(10);
        tag(wasVip, "partner");
        tag(newlyChurned, "churned");

        // when
        assertThat(sync().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then
        assertThat(tagsOf(pmId(wasVip))).containsExactly("partner");
        assertThat(members("tag: vip")).doesNotContain(pmId(wasVip)).hasSize(1);
        assertThat(members("tag: partner")).containsExactly(pmId(wasVip));
        assertThat(members("tag: churned")).containsExactly(pmId(newlyChurned));
    }

    @Test
    @Order(3)
    void aRunWithNothingChangedInEitherPlaceWritesNothing() {
        // given
        long audit = count("SELECT count(*) FROM crm_sync.sync_audit");
        long memberships = count("SELECT count(*) FROM penguinmails.list_members");
        Instant before = jdbc.sql("SELECT now()").query(java.time.OffsetDateTime.class).single().toInstant();
        long writes = hubSpotWrites();

        // when
        assertThat(sync().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then
        assertThat(count("SELECT count(*) FROM crm_sync.sync_audit")).isEqualTo(audit);
        assertThat(count("SELECT count(*) FROM penguinmails.list_members")).isEqualTo(memberships);
        assertThat(jdbc.sql("""
                        SELECT (SELECT count(*) FROM penguinmails.contacts WHERE updated_at >= :t)
                             + (SELECT count(*) FROM penguinmails.companies WHERE updated_at >= :t)
                             + (SELECT count(*) FROM penguinmails.list_members WHERE added_at >= :t)""")
                .param("t", java.sql.Timestamp.from(before)).query(Long.class).single()).isZero();
        assertThat(hubSpotWrites()).isEqualTo(writes);
    }

    @Test
    @Order(4)
    void aContactDeletedInHubSpotLeavesTheListAndIsSoftDeletedUnlessAnotherCrmStillHoldsIt() throws Exception {
        // given: one contact also lives in a second HubSpot account of the tenant, one has engagement history
        List<String> crmContacts = linkedContacts();
        String onlyHere = crmContacts.get(20);
        String sharedContact = crmContacts.get(21);
        long onlyHereId = pmId(onlyHere);
        long sharedId = pmId(sharedContact);
        String sharedEmail = jdbc.sql("SELECT email FROM penguinmails.contacts WHERE id = :id").param("id", sharedId)
                .query(String.class).single();
        hubspot(secondHub, "POST", "/crm/v3/objects/contacts",
                "{\"properties\": {\"email\": \"" + sharedEmail + "\", \"firstname\": \"Shared\"}}");
        secondConnectionId = connect(secondHub, "hub-2");
        jdbc.sql("""
                        INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, message_id, event_type,
                                                                    occurred_at)
                        VALUES ('acme', :id, 'm-1', 'open', now())""").param("id", onlyHereId).update();
        assertThat(sync().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(members(connectionList(secondConnectionId))).containsExactly(sharedId);

        // when
        hubspot(hubspot, "DELETE", "/crm/v3/objects/contacts/" + onlyHere, null);
        hubspot(hubspot, "DELETE", "/crm/v3/objects/contacts/" + sharedContact, null);
        assertThat(sync().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then: both leave this connection's list; only the one no other CRM holds is soft-deleted, history kept
        assertThat(members(connectionList(connectionId))).doesNotContain(onlyHereId, sharedId);
        assertThat(softDeleted(onlyHereId)).isTrue();
        assertThat(softDeleted(sharedId)).isFalse();
        assertThat(members(connectionList(secondConnectionId))).containsExactly(sharedId);
        assertThat(count("SELECT count(*) FROM penguinmails.engagement_events WHERE contact_id = " + onlyHereId))
                .isEqualTo(1);
    }

    @Test
    @Order(5)
    void aHubSpotMergeMovesTheLosersListMembershipsToTheSurvivorAndSoftDeletesTheLoser() throws Exception {
        // given: the loser is on a list of the tenant's own
        List<String> crmContacts = linkedContacts();
        String survivor = crmContacts.get(30);
        String loser = crmContacts.get(31);
        long survivorId = pmId(survivor);
        long loserId = pmId(loser);
        long webinar = jdbc.sql("INSERT INTO penguinmails.lists (tenant_id, name) VALUES ('acme', 'Webinar') "
                + "RETURNING id").query(Long.class).single();
        jdbc.sql("INSERT INTO penguinmails.list_members (list_id, contact_id) VALUES (:l, :c)")
                .param("l", webinar).param("c", loserId).update();
        long merges = count("SELECT count(*) FROM crm_sync.sync_audit WHERE action = 'crm_merged'");

        // when
        hubspot(hubspot, "POST", "/crm/v3/objects/contacts/merge",
                "{\"primaryObjectId\": \"" + survivor + "\", \"objectIdToMerge\": \"" + loser + "\"}");
        assertThat(sync().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then
        assertThat(members("Webinar")).containsExactly(survivorId);
        assertThat(members(connectionList(connectionId))).contains(survivorId).doesNotContain(loserId);
        assertThat(softDeleted(loserId)).isTrue();
        assertThat(softDeleted(survivorId)).isFalse();
        assertThat(count("SELECT count(*) FROM crm_sync.sync_audit WHERE action = 'crm_merged'"))
                .isEqualTo(merges + 1);
    }

    @Test
    @Order(6)
    void aContactDeletedInPenguinMailsIsNeitherBroughtBackByAHubSpotEditNorPushedToHubSpot() throws Exception {
        // given
        String crmId = linkedContacts().get(40);
        long contactId = pmId(crmId);
        jdbc.sql("UPDATE penguinmails.contacts SET deleted_at = now(), lead_score = 91 WHERE id = :id")
                .param("id", contactId).update();
        changes.markChanged("acme", List.of(contactId), "lead_score");
        hubspot(hubspot, "PATCH", "/crm/v3/objects/contacts/" + crmId, "{\"properties\": {\"firstname\": \"Back\"}}");

        // when
        assertThat(sync().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then
        assertThat(softDeleted(contactId)).isTrue();
        assertThat(jdbc.sql("SELECT first_name FROM penguinmails.contacts WHERE id = :id").param("id", contactId)
                .query(String.class).single()).isNotEqualTo("Back");
        assertThat(hubspot(hubspot, "GET", "/crm/v3/objects/contacts/" + crmId
                + "?properties=penguinmails_lead_score", null).get("properties").path("penguinmails_lead_score")
                .asString("")).isNotIn("91", "91.0");
    }

    @Test
    @Order(7)
    void aCompanyDeletedInHubSpotIsSoftDeletedAndItsContactsLoseItWhenHubSpotDropsTheAssociation() throws Exception {
        // given
        String companyCrmId = jdbc.sql("""
                        SELECT crm_id FROM crm_sync.record_links WHERE connection_id = :c AND pm_entity = 'company'
                        ORDER BY pm_id LIMIT 1""").param("c", connectionId).query(String.class).single();
        long companyId = pmId(companyCrmId);
        long contactsOfIt = count("SELECT count(*) FROM penguinmails.contacts WHERE deleted_at IS NULL "
                + "AND company_id = " + companyId);
        assertThat(contactsOfIt).isPositive();

        // when
        hubspot(hubspot, "DELETE", "/crm/v3/objects/companies/" + companyCrmId, null);
        assertThat(sync().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then: the row stays (soft-deleted), the link is closed, live contacts no longer point at it
        assertThat(jdbc.sql("SELECT deleted_at IS NOT NULL FROM penguinmails.companies WHERE id = :id")
                .param("id", companyId).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT deleted_at IS NOT NULL FROM crm_sync.record_links WHERE crm_id = :id")
                .param("id", companyCrmId).query(Boolean.class).single()).isTrue();
        assertThat(count("SELECT count(*) FROM penguinmails.contacts WHERE deleted_at IS NULL AND company_id = "
                + companyId)).isZero();
    }

    @Test
    @Order(8)
    void aDryRunReportsCompanyAndListChangesAndWritesNothing() throws Exception {
        // given
        hubspot(hubspot, "POST", "/crm/v3/objects/companies",
                "{\"properties\": {\"name\": \"Dry Co\", \"domain\": \"dry.example\"}}");
        tag(linkedContacts().get(5), "beta");
        long companies = count("SELECT count(*) FROM penguinmails.companies");
        long lists = count("SELECT count(*) FROM penguinmails.lists");
        long memberships = count("SELECT count(*) FROM penguinmails.list_members");

        // when
        JobExecution dry = runner.run(ContactSyncJobConfiguration.JOB_NAME,
                new RunParameters(List.of("acme"), List.of(), Shard.ALL, 2, Instant.now(), null, true));

        // then
        assertThat(dry.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<DryRunReport.Line> lines = dryRunReport.lines(dry.getId());
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.objectType()).isEqualTo("COMPANY");
            assertThat(l.action()).isEqualTo("create in penguinmails");
            assertThat(l.count()).isEqualTo(1);
        });
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.action()).isEqualTo("create segment list");
            assertThat(l.sample()).containsExactly("beta");
        });
        assertThat(lines).anySatisfy(l -> assertThat(l.action()).isEqualTo("change tags (segment lists)"));
        assertThat(count("SELECT count(*) FROM penguinmails.companies")).isEqualTo(companies);
        assertThat(count("SELECT count(*) FROM penguinmails.lists")).isEqualTo(lists);
        assertThat(count("SELECT count(*) FROM penguinmails.list_members")).isEqualTo(memberships);
    }
}
