package com.penguinmails.crmsync.job.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.ConflictPolicy;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.store.FieldMappingStore;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.CrmDrivers;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue #5's scenarios run against each CRM's sandbox, one tenant and connection per CRM: CRM deletes and merges,
 * a field edited on both sides under each conflict policy, sticky consent, echo suppression (the run after a run that
 * wrote both ways writes nothing to either side), and a 10% 5xx + 5% 429 fault mix that converges within two runs.
 * Each scenario takes people of its own (linked seeds nobody else used, or records it creates), so they do not
 * interfere. Chunks and pages of 10, so a run has several and the fault mix meets enough requests.
 */
@SpringBootTest(properties = {"crmsync.contact-sync.chunk-size=10", "crmsync.contact-sync.page-size=10"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactSyncEveryCrmIT extends SyncJobIT {

    private static final int SEEDED = 80;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "contact_sync_every_crm");
    }

    @Autowired
    FieldMappingStore mappings;

    @AutoClose
    final CrmDrivers crms = new CrmDrivers();
    /** Linked CRM ids a scenario has taken, per CRM: the next scenario takes others. */
    final Map<CrmKind, Set<String>> taken = new LinkedHashMap<>();
    final AtomicInteger numbers = new AtomicInteger(1000);

    @BeforeAll
    void connect() {
        CrmDrivers.insertTenants(jdbc, "every");
        crms.connectEach(registry, "every", Map.of(SalesforceConnectorProvider.KIND, SEEDED, HubSpotConnectorProvider.KIND,
                SEEDED, PipedriveConnectorProvider.KIND, SEEDED), Map.of("createContactsInCrm", "true"),
                Map.of(HubSpotConnectorProvider.KIND, Map.of("requestsPerSecond", "200")));
        for (CrmDriver crm : crms.values()) {
            taken.put(crm.kind(), new HashSet<>());
            assertThat(sync(crm).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        }
    }

    // ---------------------------------------------------------------------------------------------------- scenarios

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    @Order(1)
    void aPersonDeletedInTheCrmClosesItsLinkAndTheContactLeavesTheListAndIsSoftDeleted(CrmKind kind) throws Exception {
        // given: a linked person, on the connection's list
        CrmDriver crm = crms.get(kind);
        String deleted = take(crm, 1).get(0);
        long contact = pmId(crm, deleted);
        assertThat(connectionList(crm)).contains(contact);

        // when: it is deleted in the CRM
        crm.delete(deleted);
        assertCompleted(sync(crm));

        // then: the link is closed (no survivor), the contact is off the list and, linked nowhere else, soft-deleted
        Map<String, Object> link = link(crm, deleted);
        assertThat(link.get("deleted_at")).isNotNull();
        assertThat(link.get("merged_into")).isNull();
        assertThat(connectionList(crm)).doesNotContain(contact);
        assertThat(softDeleted(contact)).isTrue();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM crm_sync.sync_audit WHERE connection_id = :c AND action = 'crm_deleted'
                        AND details -> 'crmIds' @> jsonb_build_array(CAST(:id AS text))""")
                .param("c", crm.connection()).param("id", deleted).query(Long.class).single()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    @Order(2)
    void twoPersonsMergedInTheCrmCloseTheLosersLinkPointingAtTheSurvivorWhereTheCrmTellsIt(CrmKind kind)
            throws Exception {
        // given: two linked persons
        CrmDriver crm = crms.get(kind);
        List<String> pair = take(crm, 2);
        String survivor = pair.get(0);
        String loser = pair.get(1);
        long survivorContact = pmId(crm, survivor);
        long loserContact = pmId(crm, loser);

        // when: the CRM merges the second into the first
        crm.merge(survivor, loser);
        assertCompleted(sync(crm));

        // then: the loser's link is closed; Salesforce (MasterRecordId) and HubSpot say whom it went into, Pipedrive's
        // v2 reads do not, so there it is closed like a delete (DeletionProbe)
        Map<String, Object> loserLink = link(crm, loser);
        assertThat(loserLink.get("deleted_at")).isNotNull();
        if (kind == PipedriveConnectorProvider.KIND) {
            assertThat(loserLink.get("merged_into")).isNull();
        } else {
            assertThat(loserLink.get("merged_into")).isEqualTo(survivor);
        }
        // the survivor stays linked and listed; the loser's contact, linked nowhere else, is soft-deleted and unlisted
        assertThat(link(crm, survivor).get("deleted_at")).isNull();
        assertThat(connectionList(crm)).contains(survivorContact).doesNotContain(loserContact);
        assertThat(softDeleted(survivorContact)).isFalse();
        assertThat(softDeleted(loserContact)).isTrue();
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    @Order(3)
    void aPhoneEditedOnBothSidesIsResolvedByTheConnectionsPolicyOnBothSidesAndAudited(CrmKind kind) throws Exception {
        // given: four linked persons, one per case
        CrmDriver crm = crms.get(kind);
        List<String> ids = take(crm, 4);
        try {
            // when: CRM_WINS
            policy(crm, ConflictPolicy.CRM_WINS);
            Edit crmWins = editBothSides(crm, ids.get(0), false);
            assertCompleted(sync(crm));
            // then: the CRM's value in both places
            assertPhones(crm, ids.get(0), crmWins.crmValue());

            // when: PENGUINMAILS_WINS
            policy(crm, ConflictPolicy.PENGUINMAILS_WINS);
            Edit pmWins = editBothSides(crm, ids.get(1), false);
            assertCompleted(sync(crm));
            // then: PenguinMails' value, pushed to the CRM
            assertPhones(crm, ids.get(1), pmWins.pmValue());

            // when: NEWEST_WINS, once with the CRM's edit newer and once with PenguinMails'
            policy(crm, ConflictPolicy.NEWEST_WINS);
            Edit crmNewer = editBothSides(crm, ids.get(2), false);
            Edit pmNewer = editBothSides(crm, ids.get(3), true);
            assertCompleted(sync(crm));
            // then: the newer edit in both places
            assertPhones(crm, ids.get(2), crmNewer.crmValue());
            assertPhones(crm, ids.get(3), pmNewer.pmValue());
        } finally {
            mappings.delete(crm.connection(), ObjectType.CONTACT, crm.phoneField());
        }

        // and each conflict is audited once, naming the field and not the values
        List<String> audited = jdbc.sql("""
                        SELECT details ->> 'crmId' FROM crm_sync.sync_audit WHERE connection_id = :c
                        AND action = 'conflict' AND details ->> 'crmId' = ANY(CAST(:ids AS text[]))""")
                .param("c", crm.connection()).param("ids", ids.toArray(String[]::new)).query(String.class).list();
        assertThat(audited).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(jdbc.sql("""
                        SELECT string_agg(details::text, ' ') FROM crm_sync.sync_audit WHERE connection_id = :c
                        AND action = 'conflict' AND details ->> 'crmId' = ANY(CAST(:ids AS text[]))""")
                .param("c", crm.connection()).param("ids", ids.toArray(String[]::new)).query(String.class).single())
                .contains("phone").doesNotContain("+1650253");
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    @Order(4)
    void consentIsStickyAnUnsubscribeReachesTheCrmACrmOptInDoesNotResubscribeACrmOptOutUnsubscribes(CrmKind kind)
            throws Exception {
        Assumptions.assumeTrue(kind != PipedriveConnectorProvider.KIND, "Pipedrive has no consent mapping: jobs/mappings/"
                + "pipedrive.yml maps no opt-out field, so there is no consent to sync with a Pipedrive connection");
        // given: two linked persons, subscribed on both sides
        CrmDriver crm = crms.get(kind);
        List<String> ids = take(crm, 2);
        String unsubscribedHere = ids.get(0);
        String optedOutThere = ids.get(1);
        assertThat(crm.optedOut(unsubscribedHere)).isFalse();
        assertThat(crm.optedOut(optedOutThere)).isFalse();

        // when: one unsubscribes in PenguinMails, the other opts out in the CRM
        long contact = pmId(crm, unsubscribedHere);
        jdbc.sql("UPDATE penguinmails.contacts SET consent_status = 'unsubscribed', consent_changed_at = now(), "
                + "updated_at = now() WHERE id = :id").param("id", contact).update();
        changes.markChanged(crm.tenant(), List.of(contact), "unsubscribe");
        crm.optOut(optedOutThere, true);
        assertCompleted(sync(crm));

        // then: the CRM has the PenguinMails unsubscribe, PenguinMails the CRM opt-out
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(crm.optedOut(unsubscribedHere)).as("the CRM's opt-out").isTrue();
        softly.assertThat(consent(pmId(crm, optedOutThere))).as("PenguinMails consent after a CRM opt-out")
                .isEqualTo("unsubscribed");

        // when: the CRM record later shows an opt-in
        crm.optOut(unsubscribedHere, false);
        assertCompleted(sync(crm));

        // then: the PenguinMails contact stays unsubscribed
        softly.assertThat(consent(contact)).as("PenguinMails consent after a CRM opt-in").isEqualTo("unsubscribed");
        softly.assertThat(crm.optedOut(unsubscribedHere)).as("the CRM's opt-out after a CRM opt-in").isTrue();
        softly.assertAll();
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    @Order(5)
    void theRunAfterARunThatWroteBothWaysChangesNoContactAndMakesNoCrmWriteCall(CrmKind kind) throws Exception {
        // given: a run that wrote both ways (a CRM edit and a CRM create in, a PenguinMails edit and create out)
        CrmDriver crm = crms.get(kind);
        List<String> ids = take(crm, 2);
        String crmPhone = phone();
        crm.setPhone(ids.get(0), crmPhone);
        String crmCreated = email(crm, "echo-in");
        crm.create(crmCreated, "Echo", "Inbound");
        String pmPhone = phone();
        long edited = pmId(crm, ids.get(1));
        jdbc.sql("UPDATE penguinmails.contacts SET phone = :p, updated_at = now() WHERE id = :id")
                .param("p", pmPhone).param("id", edited).update();
        String pmCreated = email(crm, "echo-out");
        changes.markChanged(crm.tenant(), List.of(edited, insertContact(crm, pmCreated, "Echo", "Outbound")), "edit");
        assertCompleted(sync(crm));
        assertThat(phoneOf(pmId(crm, ids.get(0)))).isEqualTo(crmPhone);
        assertThat(crm.phone(ids.get(1))).isEqualTo(pmPhone);
        assertThat(crm.emails()).contains(pmCreated);
        assertThat(contactByEmail(crm, crmCreated)).isNotNull();
        Map<Long, OffsetDateTime> contactsBefore = updatedAt(crm);
        Map<String, Object> writesBefore = crm.writeFootprint();

        // when: the next run reads back its own writes
        assertCompleted(sync(crm));

        // then: no PenguinMails contact changed, no write reached the CRM
        assertThat(updatedAt(crm)).isEqualTo(contactsBefore);
        assertThat(crm.writeFootprint()).isEqualTo(writesBefore);
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    @Order(6)
    void changesOnBothSidesConvergeWithinTwoRunsDespite5xxAnd429FaultsWithoutDuplicates(CrmKind kind)
            throws Exception {
        // given: 60 persons created and 25 edited in the CRM, 60 contacts created and 25 edited in PenguinMails (enough
        // requests that the fault mix surely strikes)
        CrmDriver crm = crms.get(kind);
        List<String> ids = take(crm, 50);
        Map<String, String> crmEdits = new TreeMap<>();
        for (String id : ids.subList(0, 25)) {
            crmEdits.put(id, phone());
            crm.setPhone(id, crmEdits.get(id));
        }
        List<String> crmCreated = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            crmCreated.add(email(crm, "fault-in-" + i));
            crm.create(crmCreated.get(i), "Inbound" + i, "Faulty");
        }
        Map<Long, String> pmEdits = new TreeMap<>();
        for (String id : ids.subList(25, 50)) {
            long contact = pmId(crm, id);
            pmEdits.put(contact, phone());
            jdbc.sql("UPDATE penguinmails.contacts SET phone = :p, updated_at = now() WHERE id = :id")
                    .param("p", pmEdits.get(contact)).param("id", contact).update();
        }
        List<String> pmCreated = new ArrayList<>();
        List<Long> marked = new ArrayList<>(pmEdits.keySet());
        for (int i = 0; i < 60; i++) {
            pmCreated.add(email(crm, "fault-out-" + i));
            marked.add(insertContact(crm, pmCreated.get(i), "Outbound" + i, "Faulty"));
        }
        changes.markChanged(crm.tenant(), marked, "edit");
        // and 10% of the CRM's requests fail with a 5xx, 5% with a 429
        crm.server().faults(new FaultPlan(Duration.ZERO, 0.15, 2, 1, 0, 0, Duration.ZERO));

        long requestsBefore = crm.server().stats().totalRequests();

        // when: runs until one completes without open dead letters, at most two
        JobExecution last = null;
        try {
            for (int run = 0; run < 2 && (last == null || !converged(crm, last)); run++) {
                last = sync(crm);
            }
        } finally {
            crm.server().faults(FaultPlan.NONE);
        }

        // then: it converged, faults were injected ...
        assertCompleted(last);
        assertThat(openErrors(crm)).isZero();
        assertThat(crm.server().stats().faultsInjectedCount()).as("faults injected in %d requests",
                crm.server().stats().totalRequests() - requestsBefore).isPositive();
        // ... every change made it to the other side ...
        crmEdits.forEach((id, phone) -> assertThat(phoneOf(pmId(crm, id))).as("PenguinMails phone of %s", id)
                .isEqualTo(phone));
        for (String id : ids.subList(25, 50)) {
            assertThat(crm.phone(id)).as("CRM phone of %s", id).isEqualTo(pmEdits.get(pmId(crm, id)));
        }
        for (String email : crmCreated) {
            assertThat(contactByEmail(crm, email)).as("PenguinMails contact for %s", email).isNotNull();
        }
        // ... and nothing is twice in the CRM or linked twice
        Map<String, Long> crmEmails = crm.emails().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (String email : pmCreated) {
            assertThat(crmEmails.get(email)).as("CRM records for %s", email).isEqualTo(1L);
        }
        for (String email : crmCreated) {
            assertThat(crmEmails.get(email)).as("CRM records for %s", email).isEqualTo(1L);
        }
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM (SELECT pm_id FROM crm_sync.record_links WHERE connection_id = :c
                        AND pm_entity = 'contact' AND deleted_at IS NULL GROUP BY pm_id HAVING count(*) > 1) twice""")
                .param("c", crm.connection()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM penguinmails.contacts c WHERE c.tenant_id = :t AND c.deleted_at IS NULL
                        AND NOT EXISTS (SELECT 1 FROM crm_sync.record_links l WHERE l.connection_id = :c
                        AND l.pm_entity = 'contact' AND l.pm_id = c.id AND l.deleted_at IS NULL)""")
                .param("t", crm.tenant()).param("c", crm.connection()).query(Long.class).single())
                .as("live contacts without a live link").isZero();
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    private JobExecution sync(CrmDriver crm) {
        crm.beforeRun();
        return run(ContactSyncJobConfiguration.JOB_NAME, 2, crm.tenant());
    }

    private boolean converged(CrmDriver crm, JobExecution execution) {
        return execution.getStatus() == BatchStatus.COMPLETED && openErrors(crm) == 0;
    }

    private long openErrors(CrmDriver crm) {
        return jdbc.sql("SELECT count(*) FROM crm_sync.sync_errors WHERE connection_id = :c AND status = 'open'")
                .param("c", crm.connection()).query(Long.class).single();
    }

    /** {@code n} live linked people (contacts, not leads) of the CRM no scenario took yet, subscribed on our side. */
    private List<String> take(CrmDriver crm, int n) {
        List<String> free = jdbc.sql("""
                        SELECT l.crm_id FROM crm_sync.record_links l
                        JOIN penguinmails.contacts c ON c.id = l.pm_id
                        WHERE l.connection_id = :c AND l.pm_entity = 'contact' AND l.object_type = 'CONTACT'
                        AND l.deleted_at IS NULL AND c.deleted_at IS NULL AND c.consent_status = 'subscribed'
                        ORDER BY l.pm_id""")
                .param("c", crm.connection()).query(String.class).list().stream()
                .filter(id -> !taken.get(crm.kind()).contains(id)).limit(n).toList();
        assertThat(free).as("free linked people").hasSize(n);
        taken.get(crm.kind()).addAll(free);
        return free;
    }

    private long pmId(CrmDriver crm, String crmId) {
        return records().pmId(crm, crmId);
    }

    private Map<String, Object> link(CrmDriver crm, String crmId) {
        return records().link(crm, crmId);
    }

    private List<Long> connectionList(CrmDriver crm) {
        return records().connectionList(crm);
    }

    private boolean softDeleted(long contact) {
        return records().softDeleted(contact);
    }

    private String consent(long contact) {
        return jdbc.sql("SELECT consent_status FROM penguinmails.contacts WHERE id = :id")
                .param("id", contact).query(String.class).single();
    }

    private @Nullable String phoneOf(long contact) {
        return jdbc.sql("SELECT phone FROM penguinmails.contacts WHERE id = :id")
                .param("id", contact).query(String.class).optional().orElse(null);
    }

    private @Nullable Long contactByEmail(CrmDriver crm, String email) {
        return records().contactByEmail(crm, email);
    }

    private long insertContact(CrmDriver crm, String email, String first, String last) {
        return jdbc.sql("INSERT INTO penguinmails.contacts (tenant_id, email, first_name, last_name) "
                + "VALUES (:t, :e, :f, :l) RETURNING id").param("t", crm.tenant()).param("e", email).param("f", first)
                .param("l", last).query(Long.class).single();
    }

    private Map<Long, OffsetDateTime> updatedAt(CrmDriver crm) {
        Map<Long, OffsetDateTime> rows = new TreeMap<>();
        jdbc.sql("SELECT id, updated_at FROM penguinmails.contacts WHERE tenant_id = :t").param("t", crm.tenant())
                .query((rs, n) -> rows.put(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).list();
        return rows;
    }

    /** A fresh US phone number in E.164, as the maps' e164:US transform keeps it. */
    private String phone() {
        return "+1650253" + numbers.incrementAndGet();
    }

    private static String email(CrmDriver crm, String local) {
        return local + "@" + crm.kind().id() + ".every-crm.example";
    }

    private void policy(CrmDriver crm, ConflictPolicy policy) {
        mappings.replace(crm.connection(), ObjectType.CONTACT, crm.phoneField(), "phone", "both", policy,
                crm.phoneTransforms());
    }

    /** The values a both-sides edit left on each side. */
    private record Edit(String pmValue, String crmValue) {
    }

    /**
     * Edits the phone of a linked person on both sides, the PenguinMails edit ten minutes before the CRM's (by the
     * CRM's clock) or, with {@code penguinMailsNewer}, ten minutes after it.
     */
    private Edit editBothSides(CrmDriver crm, String crmId, boolean penguinMailsNewer) throws Exception {
        Edit edit = new Edit(phone(), phone());
        Instant crmTime = crm.server().clock().instant();
        crm.setPhone(crmId, edit.crmValue());
        long contact = pmId(crm, crmId);
        Instant pmTime = penguinMailsNewer ? crmTime.plus(Duration.ofMinutes(10)) : crmTime.minus(Duration.ofMinutes(10));
        jdbc.sql("UPDATE penguinmails.contacts SET phone = :p, updated_at = :t WHERE id = :id")
                .param("p", edit.pmValue()).param("t", pmTime.atOffset(ZoneOffset.UTC)).param("id", contact).update();
        changes.markChanged(crm.tenant(), List.of(contact), "edit");
        return edit;
    }

    private void assertPhones(CrmDriver crm, String crmId, String expected) throws Exception {
        assertThat(phoneOf(pmId(crm, crmId))).as("PenguinMails phone").isEqualTo(expected);
        assertThat(crm.phone(crmId)).as("CRM phone").isEqualTo(expected);
    }
}
