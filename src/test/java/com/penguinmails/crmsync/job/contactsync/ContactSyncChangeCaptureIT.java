package com.penguinmails.crmsync.job.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.CrmDrivers;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PenguinMails changes reach each CRM without anyone marking them: the first sync of a connection that creates
 * contacts in its CRM pushes every eligible contact; phones, unsubscribes and bounces set with plain SQL on
 * {@code penguinmails.contacts} are captured by the database's triggers and pushed by the next run; a change whose
 * transaction commits after a later one was already synced is pushed by the next run (commit-ordered reading); an
 * unchanged re-run writes nothing; and a CRM edit reaches the tenant's other CRM without being written back. One tenant, sandbox and connection ({@code createContactsInCrm=true}) per CRM.
 */
@SpringBootTest(properties = {"crmsync.contact-sync.chunk-size=10", "crmsync.contact-sync.page-size=10"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactSyncChangeCaptureIT extends SyncJobIT {

    private static final int SEEDED = 6;
    private static final int PM_ONLY = 12;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "contact_sync_change_capture");
    }

    @Autowired
    com.penguinmails.crmsync.store.ConnectionStore connections;
    @Autowired
    javax.sql.DataSource dataSource;

    @AutoClose
    final CrmDrivers crms = new CrmDrivers();
    final AtomicInteger numbers = new AtomicInteger(5000);

    @BeforeAll
    void seed() {
        CrmDrivers.insertTenants(jdbc, "every");
        for (String tenant : List.of("every-sf", "every-hs", "every-pd")) {
            for (int i = 0; i < PM_ONLY; i++) {
                insertContact(tenant, "pm-only-" + i + "@" + tenant + ".capture.example");
            }
            // a contact deleted in PenguinMails is not eligible
            insertContact(tenant, "deleted@" + tenant + ".capture.example");
            jdbc.sql("UPDATE penguinmails.contacts SET deleted_at = now() WHERE email = :e")
                    .param("e", "deleted@" + tenant + ".capture.example").update();
        }
        // nothing marked: the contacts were there before anything watched them (an existing platform's tenants)
        jdbc.sql("DELETE FROM crm_sync.contact_changes").update();
        crms.connectEach(registry, "every", Map.of(SalesforceConnectorProvider.KIND, SEEDED,
                HubSpotConnectorProvider.KIND, SEEDED, PipedriveConnectorProvider.KIND, SEEDED), Map.of("createContactsInCrm", "true"));
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    @Order(1)
    void aFirstSyncCreatesEveryEligibleContactInTheCrmWithoutAnyMark(CrmKind kind) throws Exception {
        // given: a tenant's contacts nobody marked, and a CRM holding only its own seeded people
        CrmDriver crm = crms.get(kind);
        assertThat(marks(crm)).isZero();

        // when
        assertCompleted(sync(crm));

        // then: every live contact is in the CRM once and linked; the deleted one is not there
        List<String> emails = crm.emails();
        for (int i = 0; i < PM_ONLY; i++) {
            String email = "pm-only-" + i + "@" + crm.tenant() + ".capture.example";
            assertThat(emails).as("CRM records for %s", email).containsOnlyOnce(email);
        }
        assertThat(emails).doesNotContain("deleted@" + crm.tenant() + ".capture.example");
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM penguinmails.contacts c WHERE c.tenant_id = :t AND c.deleted_at IS NULL
                        AND NOT EXISTS (SELECT 1 FROM crm_sync.record_links l WHERE l.connection_id = :c
                        AND l.pm_entity = 'contact' AND l.pm_id = c.id AND l.deleted_at IS NULL)""")
                .param("t", crm.tenant()).param("c", crm.connection()).query(Long.class).single())
                .as("live contacts without a live link").isZero();
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    @Order(2)
    void aPhoneSetWithPlainSqlIsCapturedAndPushedByTheNextRun(CrmKind kind) throws Exception {
        // given: a phone changed by the platform with plain SQL, nothing marked by hand
        CrmDriver crm = crms.get(kind);
        long contact = contact(crm, 0);
        String phone = phone();
        jdbc.sql("UPDATE penguinmails.contacts SET phone = :p WHERE id = :id").param("p", phone).param("id", contact)
                .update();

        // when
        assertCompleted(sync(crm));

        // then
        assertThat(crm.phone(crmId(crm, contact))).isEqualTo(phone);
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    @Order(3)
    void anUnsubscribeAndABounceSetWithPlainSqlReachTheCrmsOptOutAndBounceFields(CrmKind kind) throws Exception {
        Assumptions.assumeTrue(kind != PipedriveConnectorProvider.KIND, "Pipedrive's default map has no consent or bounce field");
        // given: one contact unsubscribed, one hard-bounced, by plain SQL UPDATEs of the platform
        CrmDriver crm = crms.get(kind);
        long unsubscribed = contact(crm, 1);
        long bounced = contact(crm, 2);
        jdbc.sql("UPDATE penguinmails.contacts SET consent_status = 'unsubscribed', consent_changed_at = now() "
                + "WHERE id = :id").param("id", unsubscribed).update();
        jdbc.sql("UPDATE penguinmails.contacts SET bounce_status = 'hard', bounced_at = now(), "
                + "bounce_reason = '550 5.1.1 mailbox unavailable' WHERE id = :id").param("id", bounced).update();
        assertThat(crm.optedOut(crmId(crm, unsubscribed))).isFalse();

        // when
        assertCompleted(sync(crm));

        // then: the CRM's opt-out is set; Salesforce, whose map sends bounces, has the bounce reason
        assertThat(crm.optedOut(crmId(crm, unsubscribed))).isTrue();
        if (kind == SalesforceConnectorProvider.KIND) {
            assertThat(crm.field(crmId(crm, bounced), "EmailBouncedReason"))
                    .isEqualTo("550 5.1.1 mailbox unavailable");
        }
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    @Order(4)
    void aChangeWhoseTransactionCommitsAfterALaterRunIsPushedByTheNextRun(CrmKind kind) throws Exception {
        CrmDriver crm = crms.get(kind);
        long late = contact(crm, 3);
        long early = contact(crm, 4);
        String latePhone = phone();
        String earlyPhone = phone();
        try (Connection slow = dataSource.getConnection(); Connection quick = dataSource.getConnection()) {
            // given: a transaction that marks one contact (its phone) and stays open ...
            slow.setAutoCommit(false);
            setPhone(slow, late, latePhone);
            // ... while a later transaction marks another and commits, and a run syncs that one
            setPhone(quick, early, earlyPhone);
            assertCompleted(sync(crm));
            assertThat(crm.phone(crmId(crm, early))).isEqualTo(earlyPhone);
            assertThat(crm.phone(crmId(crm, late))).isNotEqualTo(latePhone);

            // when: the first transaction commits after that run, and the next run starts
            slow.commit();
        }
        assertCompleted(sync(crm));

        // then: the late change reached the CRM
        assertThat(crm.phone(crmId(crm, late))).isEqualTo(latePhone);
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    @Order(5)
    void aRunAfterEverythingSyncedMakesNoCrmWriteCall(CrmKind kind) throws Exception {
        // given: everything synced (and the runs' own writes read back once)
        CrmDriver crm = crms.get(kind);
        assertCompleted(sync(crm));
        Map<String, Object> writesBefore = crm.writeFootprint();

        // when
        assertCompleted(sync(crm));

        // then
        assertThat(crm.writeFootprint()).isEqualTo(writesBefore);
    }

    @Test
    @Order(6)
    void anEditInOneCrmReachesTheTenantsOtherCrmAndIsNotWrittenBackToItsOwn() throws Exception {
        // given: the HubSpot tenant also connected to a Pipedrive account (which creates contacts in it), synced until
        // each side has read back the other's writes
        CrmDriver hubspot = crms.get(HubSpotConnectorProvider.KIND);
        CrmDriver pipedrive = CrmDriver.start(PipedriveConnectorProvider.KIND, 0);
        try {
            pipedrive.connect(registry, hubspot.tenant(), "capture-second", Map.of("createContactsInCrm", "true"));
            assertCompleted(sync(hubspot));
            assertCompleted(sync(hubspot));
            long contact = contact(hubspot, 5);
            assertThat(pipedrive.emails()).contains("pm-only-5@" + hubspot.tenant() + ".capture.example");

            // when: a phone is edited in HubSpot
            String phone = phone();
            hubspot.setPhone(crmId(hubspot, contact), phone);
            Map<String, Object> hubspotWrites = hubspot.writeFootprint();
            assertCompleted(sync(hubspot));

            // then: PenguinMails and Pipedrive have it, and nothing was written back to HubSpot
            assertThat(jdbc.sql("SELECT phone FROM penguinmails.contacts WHERE id = :id").param("id", contact)
                    .query(String.class).single()).isEqualTo(phone);
            assertThat(pipedrive.phone(crmId(pipedrive, contact))).isEqualTo(phone);
            assertThat(hubspot.writeFootprint()).isEqualTo(hubspotWrites);
        } finally {
            jdbc.sql("UPDATE crm_sync.connections SET status = 'disabled' WHERE tenant_id = :t AND crm = 'pipedrive'")
                    .param("t", hubspot.tenant()).update();
            pipedrive.close();
        }
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    @Order(7)
    void aContactMadeWhileCreatingWasOffIsCreatedWhenCreatingIsTurnedOnAgain(CrmKind kind) throws Exception {
        // given: creating switched off, a contact made meanwhile (marked by the trigger) and a run that reads its mark
        CrmDriver crm = crms.get(kind);
        setCreateContactsInCrm(crm, false);
        String email = "made-while-off@" + crm.tenant() + ".capture.example";
        insertContact(crm.tenant(), email);
        assertCompleted(sync(crm));
        assertThat(crm.emails()).doesNotContain(email);

        // when: creating is turned on again
        setCreateContactsInCrm(crm, true);
        assertCompleted(sync(crm));

        // then: the contact the log had already passed is created once
        assertThat(crm.emails()).containsOnlyOnce(email);
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    private JobExecution sync(CrmDriver crm) {
        crm.beforeRun();
        return run(ContactSyncJobConfiguration.JOB_NAME, 1, crm.tenant());
    }

    private void setCreateContactsInCrm(CrmDriver crm, boolean on) {
        Map<String, String> settings = new java.util.HashMap<>(connections.find(crm.connection()).orElseThrow()
                .settings());
        settings.put("createContactsInCrm", Boolean.toString(on));
        connections.replaceSettings(crm.connection(), settings);
    }

    private void insertContact(String tenant, String email) {
        jdbc.sql("INSERT INTO penguinmails.contacts (tenant_id, email, first_name, last_name) "
                + "VALUES (:t, :e, 'Pm', 'Only')").param("t", tenant).param("e", email).update();
    }

    private long marks(CrmDriver crm) {
        return jdbc.sql("SELECT count(*) FROM crm_sync.contact_changes WHERE tenant_id = :t")
                .param("t", crm.tenant()).query(Long.class).single();
    }

    /** The i-th PenguinMails-only contact of the CRM's tenant. */
    private long contact(CrmDriver crm, int i) {
        return jdbc.sql("SELECT id FROM penguinmails.contacts WHERE tenant_id = :t AND email = :e")
                .param("t", crm.tenant()).param("e", "pm-only-" + i + "@" + crm.tenant() + ".capture.example")
                .query(Long.class).single();
    }

    private String crmId(CrmDriver crm, long contact) {
        return jdbc.sql("SELECT crm_id FROM crm_sync.record_links WHERE connection_id = :c AND pm_entity = 'contact' "
                + "AND pm_id = :id AND deleted_at IS NULL").param("c", crm.connection()).param("id", contact)
                .query(String.class).single();
    }

    private static void setPhone(Connection connection, long contact, String phone) throws Exception {
        try (PreparedStatement st = connection.prepareStatement(
                "UPDATE penguinmails.contacts SET phone = ? WHERE id = ?")) {
            st.setString(1, phone);
            st.setLong(2, contact);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }

    private String phone() {
        return "+1650253" + numbers.incrementAndGet();
    }

}
