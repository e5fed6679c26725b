package com.penguinmails.crmsync.job.contactsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.credentials.Credential;
import com.penguinmails.crmsync.credentials.CredentialStore;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.job.support.ConnectionWideFailures;
import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.CrmDrivers;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Change notices applied by {@link RealtimeInbound} without any job run, against each CRM's sandbox, one tenant and
 * connection per CRM, synced once first: an edit, a create (of a person, of a company), a delete and a merge land as contact-sync would land them
 * (contact, link, list, audit); repeated and out-of-order notices come to what the CRM holds; a record that cannot be
 * mapped is dead-lettered while the others land; a CRM that is down fails the batch whole, one that refuses the
 * token marks the connection {@code auth_failed}; a RESYNC leaves the re-read to the next run, whose watermarks the
 * notices never move. Each scenario takes people of its own.
 */
@SpringBootTest(properties = "crmsync.crm.max-retries=1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeInboundIT extends SyncJobIT {

    private static final int SEEDED = 30;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "realtime_inbound");
    }

    @Autowired
    RealtimeInbound realtime;
    @Autowired
    CredentialStore credentials;

    @AutoClose
    final CrmDrivers crms = new CrmDrivers();
    final Map<CrmKind, Set<String>> taken = new LinkedHashMap<>();
    final AtomicInteger events = new AtomicInteger();

    @BeforeAll
    void connect() {
        CrmDrivers.insertTenants(jdbc, "realtime");
        crms.connectEach(registry, "realtime", Map.of(SalesforceConnectorProvider.KIND, SEEDED,
                HubSpotConnectorProvider.KIND, SEEDED, PipedriveConnectorProvider.KIND, SEEDED), Map.of());
        for (CrmDriver crm : crms.values()) {
            taken.put(crm.kind(), new HashSet<>());
            crm.beforeRun();
            assertCompleted(run(ContactSyncJobConfiguration.JOB_NAME, 1, crm.tenant()));
        }
    }

    // ---------------------------------------------------------------------------------------------------- scenarios

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void anEditInTheCrmAppliedByNoticeUpdatesContactAndLinkAndIsAuditedWithoutAnyRunOrWatermarkMoving(CrmKind kind)
            throws Exception {
        // given: a linked person edited in the CRM
        CrmDriver crm = crms.get(kind);
        String id = take(crm, 1).get(0);
        long contact = records().pmId(crm, id);
        String hashesBefore = linkHashes(crm, id);
        Map<String, String> watermarks = watermarks(crm);
        long executions = count("SELECT count(*) FROM batch_job_execution");
        String phone = phone();
        crm.setPhone(id, phone);

        // when
        RealtimeInbound.Outcome outcome = realtime.apply(crm.connection(), List.of(upserted(id)));

        // then: the contact and its link hold the CRM's value, audited under the real-time step; no run, no watermark
        assertThat(outcome).isEqualTo(new RealtimeInbound.Outcome(1, 0, 0, 0));
        assertThat(column(contact, "phone")).isEqualTo(phone);
        assertThat(linkHashes(crm, id)).isNotEqualTo(hashesBefore);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM crm_sync.sync_audit WHERE connection_id = :c AND action = 'inbound'
                        AND step_name = :step AND job_name = 'contact-sync' AND object_type = 'CONTACT'""")
                .param("c", crm.connection()).param("step", RealtimeInbound.STEP_NAME).query(Long.class).single())
                .isPositive();
        assertThat(count("SELECT count(*) FROM batch_job_execution")).isEqualTo(executions);
        assertThat(watermarks(crm)).isEqualTo(watermarks).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void aPersonCreatedInTheCrmBecomesALinkedListedContact(CrmKind kind) throws Exception {
        // given
        CrmDriver crm = crms.get(kind);
        String email = "new-" + kind.id() + "@realtime.example";
        String id = crm.create(email, "Nova", "Realtime");

        // when
        RealtimeInbound.Outcome outcome = realtime.apply(crm.connection(), List.of(upserted(id)));

        // then
        assertThat(outcome.upserted()).isEqualTo(1);
        Long contact = records().contactByEmail(crm, email);
        assertThat(contact).isNotNull();
        assertThat(records().pmId(crm, id)).isEqualTo(contact);
        assertThat(column(contact, "last_name")).isEqualTo("Realtime");
        assertThat(records().connectionList(crm)).contains(contact);
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void aCompanyCreatedInTheCrmBecomesALinkedCompany(CrmKind kind) throws Exception {
        // given: a Salesforce Account, HubSpot company or Pipedrive organization
        CrmDriver crm = crms.get(kind);
        String name = "Realtime Works " + kind.id();
        String id = kind == SalesforceConnectorProvider.KIND
                ? crm.call("POST", "/sobjects/Account", "{\"Name\": \"" + name + "\"}").get("id").asString()
                : kind == HubSpotConnectorProvider.KIND
                ? crm.call("POST", "/crm/v3/objects/companies", "{\"properties\": {\"name\": \"" + name + "\"}}")
                        .get("id").asString()
                : crm.call("POST", "/api/v2/organizations", "{\"name\": \"" + name + "\"}").get("data").get("id")
                        .asString();

        // when
        RealtimeInbound.Outcome outcome = realtime.apply(crm.connection(), List.of(CrmChangeNotice.upserted(event(),
                ObjectType.COMPANY, id, Instant.now())));

        // then
        assertThat(outcome).isEqualTo(new RealtimeInbound.Outcome(1, 0, 0, 0));
        assertThat(jdbc.sql("""
                        SELECT c.name FROM crm_sync.record_links l JOIN penguinmails.companies c ON c.id = l.pm_id
                        WHERE l.connection_id = :c AND l.pm_entity = 'company' AND l.crm_id = :id
                        AND l.deleted_at IS NULL""").param("c", crm.connection()).param("id", id)
                .query(String.class).single()).isEqualTo(name);
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void aDeleteClosesTheLinkUnlistsAndSoftDeletesTheContact(CrmKind kind) throws Exception {
        // given
        CrmDriver crm = crms.get(kind);
        String id = take(crm, 1).get(0);
        long contact = records().pmId(crm, id);
        crm.delete(id);

        // when
        RealtimeInbound.Outcome outcome = realtime.apply(crm.connection(), List.of(CrmChangeNotice.deleted(event(),
                ObjectType.CONTACT, id, Instant.now())));

        // then
        assertThat(outcome).isEqualTo(new RealtimeInbound.Outcome(0, 1, 0, 0));
        assertThat(records().link(crm, id).get("deleted_at")).isNotNull();
        assertThat(records().connectionList(crm)).doesNotContain(contact);
        assertThat(records().softDeleted(contact)).isTrue();
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void aMergeClosesTheMergedLinkIntoTheSurvivorWhichKeepsItsListMemberships(CrmKind kind) throws Exception {
        // given: two linked persons, the one to be merged away on a list of its own
        CrmDriver crm = crms.get(kind);
        List<String> pair = take(crm, 2);
        String survivor = pair.get(0);
        String loser = pair.get(1);
        long survivorContact = records().pmId(crm, survivor);
        long loserContact = records().pmId(crm, loser);
        long list = jdbc.sql("INSERT INTO penguinmails.lists (tenant_id, name) VALUES (:t, :n) RETURNING id")
                .param("t", crm.tenant()).param("n", "VIPs " + kind.id()).query(Long.class).single();
        jdbc.sql("INSERT INTO penguinmails.list_members (list_id, contact_id) VALUES (:l, :c)")
                .param("l", list).param("c", loserContact).update();
        crm.merge(survivor, loser);

        // when: the CRM announces the merge (Pipedrive's merged_to_id, HubSpot's merge event, Salesforce's master)
        RealtimeInbound.Outcome outcome = realtime.apply(crm.connection(), List.of(CrmChangeNotice.merged(event(),
                ObjectType.CONTACT, survivor, List.of(loser), Instant.now())));

        // then: the loser's link is closed into the survivor, whose contact takes over the loser's memberships
        assertThat(outcome).isEqualTo(new RealtimeInbound.Outcome(1, 1, 0, 0));
        Map<String, Object> loserLink = records().link(crm, loser);
        assertThat(loserLink.get("deleted_at")).isNotNull();
        assertThat(loserLink.get("merged_into")).isEqualTo(survivor);
        assertThat(records().link(crm, survivor).get("deleted_at")).isNull();
        assertThat(jdbc.sql("SELECT contact_id FROM penguinmails.list_members WHERE list_id = :l")
                .param("l", list).query(Long.class).list()).containsExactly(survivorContact);
        assertThat(records().softDeleted(loserContact)).isTrue();
        assertThat(records().softDeleted(survivorContact)).isFalse();
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void noticesRepeatedAndOutOfOrderComeToWhatTheCrmHolds(CrmKind kind) throws Exception {
        // given: one person edited twice, another edited then deleted
        CrmDriver crm = crms.get(kind);
        List<String> ids = take(crm, 2);
        String edited = ids.get(0);
        String gone = ids.get(1);
        Instant now = Instant.now();
        crm.setPhone(edited, phone());
        CrmChangeNotice firstEdit = CrmChangeNotice.upserted(event(), ObjectType.CONTACT, edited, now);
        String second = phone();
        crm.setPhone(edited, second);
        CrmChangeNotice secondEdit = CrmChangeNotice.upserted(event(), ObjectType.CONTACT, edited, now.plusSeconds(1));
        crm.setPhone(gone, phone());
        CrmChangeNotice goneEdit = CrmChangeNotice.upserted(event(), ObjectType.CONTACT, gone, now.plusSeconds(2));
        crm.delete(gone);

        // when: the later edit comes first, the earlier twice, and the deleted person's edit after its deletion
        realtime.apply(crm.connection(), List.of(secondEdit));
        realtime.apply(crm.connection(), List.of(firstEdit, firstEdit));
        RealtimeInbound.Outcome late = realtime.apply(crm.connection(), List.of(goneEdit));

        // then
        assertThat(column(records().pmId(crm, edited), "phone")).isEqualTo(second);
        assertThat(late).isEqualTo(new RealtimeInbound.Outcome(0, 1, 0, 0));
        assertThat(records().link(crm, gone).get("deleted_at")).isNotNull();
        assertThat(records().softDeleted(records().pmId(crm, gone))).isTrue();
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void aRecordThatCannotBeMappedIsDeadLetteredAndTheOthersLand(CrmKind kind) throws Exception {
        // given: a new person without an e-mail address, and an edited linked one
        CrmDriver crm = crms.get(kind);
        String nameless = crm.create("nameless-" + kind.id() + "@realtime.example", "No", "Address");
        clearEmail(crm, nameless);
        String edited = take(crm, 1).get(0);
        String phone = phone();
        crm.setPhone(edited, phone);

        // when
        RealtimeInbound.Outcome outcome = realtime.apply(crm.connection(), List.of(upserted(nameless),
                upserted(edited)));

        // then: one open error naming the record, the other applied
        assertThat(outcome).isEqualTo(new RealtimeInbound.Outcome(1, 0, 1, 0));
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM crm_sync.sync_errors WHERE connection_id = :c AND status = 'open'
                        AND kind = 'error' AND job_name = 'contact-sync' AND record_key = :key""")
                .param("c", crm.connection()).param("key", kind.id() + ":contact:" + nameless)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(column(records().pmId(crm, edited), "phone")).isEqualTo(phone);
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void aResyncIsCountedAndTheNextRunReadsTheObjectFromItsUnmovedWatermark(CrmKind kind) throws Exception {
        // given: an edit the CRM announced by no notice of its own (lost in an overflow)
        CrmDriver crm = crms.get(kind);
        String id = take(crm, 1).get(0);
        long contact = records().pmId(crm, id);
        Map<String, String> watermarks = watermarks(crm);
        String phone = phone();
        crm.setPhone(id, phone);

        // when
        RealtimeInbound.Outcome outcome = realtime.apply(crm.connection(), List.of(CrmChangeNotice.resync(event(),
                ObjectType.CONTACT, Instant.now())));

        // then: counted and audited, nothing read or moved yet
        assertThat(outcome).isEqualTo(new RealtimeInbound.Outcome(0, 0, 0, 1));
        assertThat(column(contact, "phone")).isNotEqualTo(phone);
        assertThat(watermarks(crm)).isEqualTo(watermarks);
        assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.sync_audit WHERE connection_id = :c "
                + "AND action = 'resync_requested'").param("c", crm.connection()).query(Long.class).single())
                .isPositive();

        // and when the next run comes, it reads the edit
        crm.beforeRun();
        assertCompleted(run(ContactSyncJobConfiguration.JOB_NAME, 1, crm.tenant()));
        assertThat(column(contact, "phone")).isEqualTo(phone);
    }

    @Test
    void aCrmThatIsDownFailsTheWholeBatchChangingNothingAndAnUnknownConnectionIsRefused() throws Exception {
        // given: an edit in a CRM that then answers every request with a 5xx
        CrmDriver crm = crms.get(HubSpotConnectorProvider.KIND);
        String id = take(crm, 1).get(0);
        long contact = records().pmId(crm, id);
        String before = column(contact, "phone");
        crm.setPhone(id, phone());
        crm.server().faults(new FaultPlan(Duration.ZERO, 1.0, 1, 0, 0, 0, Duration.ZERO));
        try {
            // when / then: a connection-wide failure, for the caller to retry the batch
            assertThatThrownBy(() -> realtime.apply(crm.connection(), List.of(upserted(id))))
                    .satisfies(e -> assertThat(ConnectionWideFailures.test(e)).as("%s", e).isTrue());
        } finally {
            crm.server().faults(FaultPlan.NONE);
        }
        assertThat(column(contact, "phone")).isEqualTo(before);
        assertThatThrownBy(() -> realtime.apply(999_999L, List.of(upserted("1"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("connection 999999");
    }

    @Test
    void aRevokedTokenFailsTheBatchAndMarksTheConnectionAuthFailedAsARunWould() throws Exception {
        // given: a second HubSpot account of another tenant, whose token the CRM no longer accepts
        CrmDriver hubspot = crms.get(HubSpotConnectorProvider.KIND);
        tenant("realtime-revoked", "Realtime Revoked");
        long connection = SandboxConnections.connect(registry, "realtime-revoked", "realtime-revoked-hub",
                hubspot.sandbox(), Map.of());
        credentials.save(connection, new Credential.ApiToken("pat-na1-revoked-by-the-test"));

        // when / then
        assertThatThrownBy(() -> realtime.apply(connection, List.of(upserted("1"))))
                .satisfies(e -> assertThat(ConnectionWideFailures.authRevoked(e)).as("%s", e).isPresent());
        assertThat(jdbc.sql("SELECT status FROM crm_sync.connections WHERE id = :c").param("c", connection)
                .query(String.class).single()).isEqualTo("auth_failed");
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    /** A fresh US phone number in E.164, as the maps' e164:US transform keeps it. */
    private String phone() {
        return "+1650254" + (1000 + events.incrementAndGet());
    }

    private String event() {
        return "event-" + events.incrementAndGet();
    }

    private CrmChangeNotice upserted(String id) {
        return CrmChangeNotice.upserted(event(), ObjectType.CONTACT, id, Instant.now());
    }

    /** Takes the person's address away in the CRM (Pipedrive keeps addresses in a list). */
    private static void clearEmail(CrmDriver crm, String id) throws Exception {
        if (crm.kind() == PipedriveConnectorProvider.KIND) {
            crm.call("PATCH", "/api/v2/persons/" + id, "{\"emails\": []}");
        } else {
            crm.update(id, crm.emailField(), "");
        }
    }

    /** {@code n} live linked people of the CRM no scenario took yet. */
    private List<String> take(CrmDriver crm, int n) {
        List<String> free = jdbc.sql("""
                        SELECT l.crm_id FROM crm_sync.record_links l
                        JOIN penguinmails.contacts c ON c.id = l.pm_id
                        WHERE l.connection_id = :c AND l.pm_entity = 'contact' AND l.object_type = 'CONTACT'
                        AND l.deleted_at IS NULL AND c.deleted_at IS NULL ORDER BY l.pm_id""")
                .param("c", crm.connection()).query(String.class).list().stream()
                .filter(id -> !taken.get(crm.kind()).contains(id)).limit(n).toList();
        assertThat(free).as("free linked people").hasSize(n);
        taken.get(crm.kind()).addAll(free);
        return free;
    }


    private String linkHashes(CrmDriver crm, String crmId) {
        return jdbc.sql("SELECT field_hashes::text FROM crm_sync.record_links WHERE connection_id = :c "
                + "AND pm_entity = 'contact' AND crm_id = :id").param("c", crm.connection()).param("id", crmId)
                .query(String.class).single();
    }

    private Map<String, String> watermarks(CrmDriver crm) {
        Map<String, String> rows = new TreeMap<>();
        jdbc.sql("SELECT stream, position FROM crm_sync.watermarks WHERE connection_id = :c")
                .param("c", crm.connection()).query((rs, n) -> rows.put(rs.getString(1), rs.getString(2))).list();
        return rows;
    }


    private @Nullable String column(long contact, String column) {
        return jdbc.sql("SELECT " + column + " FROM penguinmails.contacts WHERE id = :id")
                .param("id", contact).query(String.class).optional().orElse(null);
    }

}
