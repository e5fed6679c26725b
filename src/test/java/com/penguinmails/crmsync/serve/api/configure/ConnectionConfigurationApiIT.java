package com.penguinmails.crmsync.serve.api.configure;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.job.contactpush.RealtimeContactPush;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.job.support.JobRunner;
import com.penguinmails.crmsync.job.support.MicroBatchRunner;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.testing.ApiTokens;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.ServeApp;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's admin configures a HubSpot sandbox connection through a running {@code crm-sync serve}: settings and
 * field map are read, changed (stored and audited with the caller) or refused whole (400 naming each field, nothing
 * stored, nothing audited); and the next contact-sync run honours them: the conflict policy of a field, direction
 * {@code inbound}, and creation only from chosen lists. Each test has its own tenant and sandbox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionConfigurationApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CrmKind HUBSPOT = HubSpotConnectorProvider.KIND;

    private final TestDatabase.Database db = TestDatabase.create("configure-api");
    private final List<CrmDriver> sandboxes = new ArrayList<>();
    private ServeApp app;
    private JdbcClient jdbc;

    @BeforeAll
    void start() {
        // the runs are what these tests watch: the service's real-time push would claim the connections between them;
        // a CRM that is down is told at once rather than after the default retries' 50 seconds
        app = ServeApp.start(db, Map.of("crmsync.serve.outbound.enabled", "false", "crmsync.crm.max-retries", "1"));
        jdbc = app.bean(JdbcClient.class);
    }

    @AfterAll
    void stop() {
        sandboxes.forEach(CrmDriver::close);
        if (app != null) {
            app.close();
        }
    }

    @Test
    void readsTheSettingsAndTheEffectiveFieldMap() {
        // given
        CrmDriver crm = connected("cfg-read", 0, Map.of());

        // when
        JsonNode settings = ok(app.get(settingsPath(crm), token(crm)));
        JsonNode fieldMap = ok(app.get(fieldMapPath(crm), token(crm)));

        // then
        assertThat(settings.path("direction").asString()).isEqualTo("both");
        assertThat(texts(settings.path("availableObjects"))).containsExactly("company", "contact");
        assertThat(settings.path("createContactsInCrm").asBoolean()).isFalse();
        JsonNode email = field(fieldMap, "CONTACT", "email");
        assertThat(email.path("pmField").asString()).isEqualTo("email");
        assertThat(email.path("conflictPolicy").asString()).isNotBlank();
        assertThat(email.path("source").asString()).isEqualTo("default");
    }

    @Test
    void aValidChangeIsStoredAndAuditedWithTheCallerAsActor() {
        // given
        CrmDriver crm = connected("cfg-change", 0, Map.of());

        // when
        JsonNode answer = ok(app.send("PATCH", settingsPath(crm), token(crm),
                "{\"direction\": \"inbound\", \"objects\": [\"contact\"], \"createContactsInCrm\": true}"));

        // then
        assertThat(answer.path("direction").asString()).isEqualTo("inbound");
        assertThat(texts(answer.path("objects"))).containsExactly("contact");
        Map<String, String> stored = app.bean(ConnectionStore.class).find(crm.connection()).orElseThrow().settings();
        assertThat(stored).containsEntry("direction", "inbound").containsEntry("objects", "contact")
                .containsEntry("createContactsInCrm", "true");
        assertThat(audit(crm, "settings.changed")).containsExactly("user:admin-" + crm.tenant());
        String details = jdbc.sql("SELECT details::text FROM crm_sync.sync_audit WHERE connection_id = :c "
                + "AND action = 'settings.changed'").param("c", crm.connection()).query(String.class).single();
        assertThat(JSON.readTree(details).path("changed").path("direction").path("new").asString())
                .isEqualTo("inbound");
    }

    @Test
    void badSettingsAreRefusedNamingEachFieldAndNothingIsStored() {
        // given
        CrmDriver crm = connected("cfg-bad", 0, Map.of());
        Map<String, String> before = app.bean(ConnectionStore.class).find(crm.connection()).orElseThrow().settings();

        // when
        HttpResponse<String> answer = app.send("PATCH", settingsPath(crm), token(crm), """
                {"direction": "sideways", "objects": ["lead"], "colour": "blue", "createContactsInCrm": "yes",
                 "followUpTasks": false}""");

        // then
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(errorFields(answer)).containsExactlyInAnyOrder("direction", "objects", "colour",
                "createContactsInCrm");
        assertThat(app.bean(ConnectionStore.class).find(crm.connection()).orElseThrow().settings()).isEqualTo(before);
        assertThat(audit(crm, "settings.changed")).isEmpty();
    }

    @Test
    void aFieldMapWithAFieldTheCrmLacksOrABadPolicyIsRefusedNamingItAndNothingIsStored() {
        // given
        CrmDriver crm = connected("cfg-map-bad", 0, Map.of());

        // when: a field HubSpot's describe does not have
        HttpResponse<String> missing = app.send("PUT", fieldMapPath(crm), token(crm), """
                {"fieldMap": [{"object": "CONTACT", "crmField": "jobtitle", "pmField": "job_title"},
                              {"object": "CONTACT", "crmField": "no_such_property", "pmField": "custom.x"}]}""");
        // and: a policy there is not
        HttpResponse<String> badPolicy = app.send("PUT", fieldMapPath(crm), token(crm), """
                {"fieldMap": [{"object": "CONTACT", "crmField": "jobtitle", "pmField": "job_title",
                               "conflictPolicy": "LOUDEST_WINS"}]}""");

        // then
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(400);
        assertThat(errorFields(missing)).containsExactly("fieldMap[1].crmField");
        assertThat(missing.body()).contains("no_such_property");
        assertThat(badPolicy.statusCode()).as(badPolicy.body()).isEqualTo(400);
        assertThat(errorFields(badPolicy)).containsExactly("fieldMap[0].conflictPolicy");
        assertThat(overrides(crm)).isZero();
        assertThat(audit(crm, "field-map.changed")).isEmpty();
    }

    @Test
    void aFieldsConflictPolicyIsStoredAndDecidesTheNextRun() throws Exception {
        // given: a synced contact, then its job title changed in the CRM and, later, in PenguinMails
        CrmDriver crm = connected("cfg-policy", 1, Map.of());
        completed(sync(crm));
        JsonNode put = ok(app.send("PUT", fieldMapPath(crm), token(crm), """
                {"fieldMap": [{"object": "CONTACT", "crmField": "jobtitle", "pmField": "job_title",
                               "direction": "both", "conflictPolicy": "CRM_WINS", "transforms": ["trim"]}]}"""));
        assertThat(field(put, "CONTACT", "jobtitle").path("conflictPolicy").asString()).isEqualTo("CRM_WINS");
        assertThat(audit(crm, "field-map.changed")).containsExactly("user:admin-" + crm.tenant());
        Map<String, Object> link = jdbc.sql("SELECT crm_id, pm_id FROM crm_sync.record_links WHERE connection_id = :c "
                + "AND pm_entity = 'contact' LIMIT 1").param("c", crm.connection()).query().singleRow();
        crm.update((String) link.get("crm_id"), "jobtitle", "Title in CRM");
        Thread.sleep(20);
        jdbc.sql("UPDATE penguinmails.contacts SET job_title = 'Title in PenguinMails', updated_at = now() "
                + "WHERE id = :id").param("id", link.get("pm_id")).update();

        // when
        completed(sync(crm));

        // then: the CRM's value won on both sides, though PenguinMails changed last (NEWEST_WINS would keep it)
        assertThat(jdbc.sql("SELECT job_title FROM penguinmails.contacts WHERE id = :id").param("id", link.get("pm_id"))
                .query(String.class).single()).isEqualTo("Title in CRM");
        assertThat(crm.field((String) link.get("crm_id"), "jobtitle")).isEqualTo("Title in CRM");
    }

    @Test
    void directionInboundMakesTheNextRunPushNothing() throws Exception {
        // given, when
        CrmDriver crm = syncedInDirection("cfg-inbound", "inbound", "only-here@cfg-inbound.example");

        // then: the CRM's people were read in, nothing was written to the CRM
        assertThat(crm.emails()).hasSize(2).doesNotContain("only-here@cfg-inbound.example");
        assertThat(tenantRows("penguinmails.contacts", crm)).isEqualTo(3);
    }

    @Test
    void directionOutboundMakesTheNextRunReadNothingFromTheCrm() throws Exception {
        // given, when
        CrmDriver crm = syncedInDirection("cfg-outbound", "outbound", "pm-made@cfg-outbound.example");

        // then: the PenguinMails contact went out, the CRM's people did not come in
        assertThat(crm.emails()).hasSize(3).contains("pm-made@cfg-outbound.example");
        assertThat(tenantRows("penguinmails.contacts", crm)).isEqualTo(1);
    }

    @Test
    void directionInboundStopsTheServicesRealTimePushToo() throws Exception {
        // given: a contact created in the CRM by a run, then the connection set to inbound and the contact changed
        CrmDriver crm = connected("cfg-inbound-rt", 0, Map.of("createContactsInCrm", "true"));
        long contact = contact(crm, "pushed@cfg-inbound-rt.example");
        completed(sync(crm));
        String crmId = jdbc.sql("SELECT crm_id FROM crm_sync.record_links WHERE connection_id = :c AND pm_id = :p")
                .param("c", crm.connection()).param("p", contact).query(String.class).single();
        ok(app.send("PATCH", settingsPath(crm), token(crm), "{\"direction\": \"inbound\"}"));
        jdbc.sql("UPDATE penguinmails.contacts SET job_title = 'Changed later' WHERE id = :id").param("id", contact)
                .update();

        // when: the service's push of that connection's changes
        MicroBatchRunner.Outcome pushed = app.bean(RealtimeContactPush.class)
                .push(crm.connection(), 10, () -> false);

        // then
        assertThat(pushed.written()).isZero();
        assertThat(crm.field(crmId, "jobtitle")).isNull();
    }

    /**
     * A CRM with two people and a connection that creates contacts in it, set through the API to sync in
     * {@code direction}, with one PenguinMails-only contact {@code email}; after one contact-sync run.
     */
    private CrmDriver syncedInDirection(String tenant, String direction, String email) {
        CrmDriver crm = connected(tenant, 2, Map.of("createContactsInCrm", "true"));
        ok(app.send("PATCH", settingsPath(crm), token(crm), "{\"direction\": \"" + direction + "\"}"));
        contact(crm, email);
        completed(sync(crm));
        return crm;
    }

    @Test
    void objectsLimitWhatTheNextRunReads() throws Exception {
        // given: a CRM with people and a company, and a connection set to sync contacts only
        CrmDriver crm = connected("cfg-objects", 2, Map.of());
        crm.call("POST", "/crm/v3/objects/companies",
                "{\"properties\": {\"name\": \"Initech\", \"domain\": \"initech.example\"}}");
        ok(app.send("PATCH", settingsPath(crm), token(crm), "{\"objects\": [\"contact\"]}"));

        // when
        completed(sync(crm));

        // then
        assertThat(tenantRows("penguinmails.contacts", crm)).isEqualTo(2);
        assertThat(tenantRows("penguinmails.companies", crm)).isZero();

        // when: companies are synced again
        ok(app.send("PATCH", settingsPath(crm), token(crm), "{\"objects\": null}"));
        completed(sync(crm));

        // then
        assertThat(tenantRows("penguinmails.companies", crm)).isPositive();
    }

    @Test
    void aFieldMapIsNotStoredWhenTheCrmCannotBeReachedToDescribeIt() {
        // given: the connection's CRM is down
        CrmDriver crm = connected("cfg-down", 0, Map.of());
        crm.close();

        // when
        HttpResponse<String> answer = app.send("PUT", fieldMapPath(crm), token(crm), """
                {"fieldMap": [{"object": "CONTACT", "crmField": "jobtitle", "pmField": "job_title"}]}""");

        // then
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(JSON.readTree(answer.body()).path("type").asString()).endsWith("/crm-unavailable");
        assertThat(overrides(crm)).isZero();
        assertThat(audit(crm, "field-map.changed")).isEmpty();
    }

    @Test
    void creationFromChosenListsCreatesOnlyTheirMembersInTheCrm() throws Exception {
        // given: two PenguinMails-only contacts, one of them on the list 'VIP' the connection creates from
        CrmDriver crm = connected("cfg-lists", 0, Map.of());
        long vip = contact(crm, "vip@cfg-lists.example");
        long other = contact(crm, "other@cfg-lists.example");
        long list = list(crm, "VIP", vip);
        ok(app.send("PATCH", settingsPath(crm), token(crm),
                "{\"createContactsInCrm\": true, \"createContactsFromLists\": [" + list + "]}"));

        // when
        completed(sync(crm));

        // then
        assertThat(crm.emails()).containsExactly("vip@cfg-lists.example");

        // when: the rule names a second list, which holds the other contact
        long partners = list(crm, "Partners", other);
        ok(app.send("PATCH", settingsPath(crm), token(crm),
                "{\"createContactsFromLists\": [" + list + ", " + partners + "]}"));
        completed(sync(crm));

        // then
        assertThat(crm.emails()).containsExactlyInAnyOrder("vip@cfg-lists.example", "other@cfg-lists.example");
    }

    private long list(CrmDriver crm, String name, long member) {
        long list = jdbc.sql("INSERT INTO penguinmails.lists (tenant_id, name) VALUES (:t, :n) RETURNING id")
                .param("t", crm.tenant()).param("n", name).query(Long.class).single();
        jdbc.sql("INSERT INTO penguinmails.list_members (list_id, contact_id) VALUES (:l, :c)")
                .param("l", list).param("c", member).update();
        return list;
    }

    @Test
    void aListOfAnotherTenantIsRefused() {
        CrmDriver crm = connected("cfg-lists-bad", 0, Map.of());

        HttpResponse<String> answer = app.send("PATCH", settingsPath(crm), token(crm),
                "{\"createContactsInCrm\": true, \"createContactsFromLists\": [987654]}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(errorFields(answer)).containsExactly("createContactsFromLists");
        assertThat(app.bean(ConnectionStore.class).find(crm.connection()).orElseThrow().settings())
                .doesNotContainKey("createContactsInCrm");
    }

    private CrmDriver connected(String tenant, int seeded, Map<String, String> settings) {
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES (:t, :t)").param("t", tenant).update();
        CrmDriver crm = CrmDriver.start(HUBSPOT, seeded);
        sandboxes.add(crm);
        crm.connect(app.bean(ConnectionRegistry.class), tenant, "acct-" + tenant, settings);
        return crm;
    }

    private long contact(CrmDriver crm, String email) {
        return jdbc.sql("INSERT INTO penguinmails.contacts (tenant_id, email, first_name, last_name) "
                + "VALUES (:t, :e, 'Pm', 'Only') RETURNING id").param("t", crm.tenant()).param("e", email)
                .query(Long.class).single();
    }

    /** The rows of a PenguinMails table ({@code penguinmails.contacts}) that are the connection's tenant's. */
    private long tenantRows(String table, CrmDriver crm) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE tenant_id = :t").param("t", crm.tenant())
                .query(Long.class).single();
    }

    /** How many field map overrides the connection has stored. */
    private long overrides(CrmDriver crm) {
        return jdbc.sql("SELECT count(*) FROM crm_sync.field_mappings WHERE connection_id = :c")
                .param("c", crm.connection()).query(Long.class).single();
    }

    private JobExecution sync(CrmDriver crm) {
        crm.beforeRun();
        return app.bean(JobRunner.class).run(ContactSyncJobConfiguration.JOB_NAME,
                new RunParameters(List.of(crm.tenant()), Shard.ALL, 1, Instant.now()));
    }

    private static void completed(JobExecution execution) {
        assertThat(execution.getStatus()).as("%s", execution.getAllFailureExceptions())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    private List<String> audit(CrmDriver crm, String action) {
        return jdbc.sql("SELECT actor FROM crm_sync.sync_audit WHERE connection_id = :c AND action = :a ORDER BY id")
                .param("c", crm.connection()).param("a", action).query(String.class).list();
    }

    private static String token(CrmDriver crm) {
        return ApiTokens.user(crm.tenant(), "admin-" + crm.tenant());
    }

    private static String settingsPath(CrmDriver crm) {
        return "/api/v1/connections/" + crm.connection() + "/settings";
    }

    private static String fieldMapPath(CrmDriver crm) {
        return "/api/v1/connections/" + crm.connection() + "/field-map";
    }

    private static JsonNode ok(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static List<String> errorFields(HttpResponse<String> answer) {
        List<String> fields = new ArrayList<>();
        JSON.readTree(answer.body()).path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asString()));
        return texts;
    }

    private static JsonNode field(JsonNode fieldMap, String object, String crmField) {
        for (JsonNode f : fieldMap.path("fields")) {
            if (f.path("object").asString().equals(object) && f.path("crmField").asString().equals(crmField)) {
                return f;
            }
        }
        throw new AssertionError("no " + object + "." + crmField + " in " + fieldMap);
    }
}
