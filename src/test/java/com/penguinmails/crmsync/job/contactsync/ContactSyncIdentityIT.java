package com.penguinmails.crmsync.job.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSettings;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.CrmDrivers;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Identity at the edges, against each CRM's sandbox: an address changed in the CRM moves the linked contact's
 * address and its bounce goes with the old address; an address another contact holds is a named conflict; every
 * address of a Pipedrive person is tried before a contact is made; a deleted Pipedrive organization closes its
 * company link; a CRM clock ahead of ours loses no edit, and a HubSpot clock behind ours no deletion.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactSyncIdentityIT extends SyncJobIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "contact_sync_identity");
    }


    @AutoClose
    final CrmDrivers crms = new CrmDrivers();
    final AtomicInteger numbers = new AtomicInteger(1);

    @BeforeAll
    void connect() {
        CrmDrivers.insertTenants(jdbc, "id");
        crms.connectEach(registry, "id", Map.of(SalesforceConnectorProvider.KIND, 3, HubSpotConnectorProvider.KIND, 3,
                PipedriveConnectorProvider.KIND, 3), Map.of());
        for (CrmDriver crm : crms.values()) {
            assertCompleted(sync(crm));
        }
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void anAddressChangedInTheCrmMovesTheLinkedBouncedContactsAddressAndClearsItsBounce(CrmKind kind)
            throws Exception {
        // given: a linked person whose PenguinMails contact hard-bounced (and the bounce went out to the CRM)
        CrmDriver crm = crms.get(kind);
        String oldAddress = address("moved-old");
        String person = crm.create(oldAddress, null, "Person");
        assertCompleted(sync(crm));
        long contact = pmId(crm, person);
        jdbc.sql("UPDATE penguinmails.contacts SET bounce_status = 'hard', bounced_at = now(), "
                + "bounce_reason = '550 5.1.1 mailbox unavailable', updated_at = now() WHERE id = :id")
                .param("id", contact).update();
        changes.markChanged(crm.tenant(), List.of(contact), "bounce");
        assertCompleted(sync(crm));
        if (kind == SalesforceConnectorProvider.KIND) {
            assertThat(crm.field(person, "EmailBouncedReason")).isEqualTo("550 5.1.1 mailbox unavailable");
        }
        long contactsBefore = contacts(crm.tenant());

        // when: a CRM user changes the person's address
        String newAddress = address("moved-new");
        crm.changeAddress(person, newAddress);
        assertCompleted(sync(crm));

        // then: the same contact has the new address and no bounce; no contact was made; the CRM shows no old bounce
        Map<String, Object> row = jdbc.sql("SELECT email, bounce_status, bounced_at, bounce_reason "
                + "FROM penguinmails.contacts WHERE id = :id").param("id", contact).query().singleRow();
        assertThat(row.get("email")).isEqualTo(newAddress);
        assertThat(row.get("bounce_status")).isEqualTo("none");
        assertThat(row.get("bounced_at")).isNull();
        assertThat(row.get("bounce_reason")).isNull();
        assertThat(contacts(crm.tenant())).isEqualTo(contactsBefore);
        assertThat(pmId(crm, person)).isEqualTo(contact);
        if (kind == SalesforceConnectorProvider.KIND) {
            assertThat(crm.field(person, "EmailBouncedReason")).isNull();
        }
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void anAddressChangedOntoOneAnotherContactHoldsIsANamedConflictAndOverwritesNothing(CrmKind kind)
            throws Exception {
        // given: a linked person, and a PenguinMails contact holding another address
        CrmDriver crm = crms.get(kind);
        String ownAddress = address("own");
        String person = crm.create(ownAddress, null, "Person");
        assertCompleted(sync(crm));
        long contact = pmId(crm, person);
        String takenAddress = address("taken");
        long holder = jdbc.sql("INSERT INTO penguinmails.contacts (tenant_id, email, first_name) "
                + "VALUES (:t, :e, 'Holder') RETURNING id").param("t", crm.tenant()).param("e", takenAddress)
                .query(Long.class).single();
        long contactsBefore = contacts(crm.tenant());

        // when: the CRM gives the person the address the other contact holds
        crm.changeAddress(person, takenAddress);
        assertCompleted(sync(crm));

        // then: both contacts keep their addresses, and the errors table names both records
        assertThat(emailOf(contact)).isEqualTo(ownAddress);
        assertThat(emailOf(holder)).isEqualTo(takenAddress);
        assertThat(jdbc.sql("SELECT first_name FROM penguinmails.contacts WHERE id = :id").param("id", holder)
                .query(String.class).single()).isEqualTo("Holder");
        assertThat(contacts(crm.tenant())).isEqualTo(contactsBefore);
        String key = kind.id() + ":" + crm.personObject() + ":" + person;
        List<String> messages = jdbc.sql("SELECT reason FROM crm_sync.sync_errors WHERE connection_id = :c "
                + "AND record_key = :k AND status = 'open'").param("c", crm.connection()).param("k", key)
                .query(String.class).list();
        assertThat(messages).singleElement().asString()
                .contains("penguinmails:contact:" + holder).contains("already holds");
    }

    @Test
    void aPipedrivePersonWithSeveralNonPrimaryAddressesMatchesTheContactHoldingTheSecond() throws Exception {
        // given: a PenguinMails contact, and a Pipedrive person whose second (non-primary) address is its address
        CrmDriver crm = crms.get(PipedriveConnectorProvider.KIND);
        String existing = address("existing");
        long contact = jdbc.sql("INSERT INTO penguinmails.contacts (tenant_id, email) VALUES (:t, :e) RETURNING id")
                .param("t", crm.tenant()).param("e", existing).query(Long.class).single();
        String other = address("other");
        String person = crm.call("POST", "/api/v2/persons", "{\"name\": \"Two Addresses\", \"emails\": ["
                + "{\"value\": \"" + other + "\", \"primary\": false, \"label\": \"work\"},"
                + "{\"value\": \"" + existing + "\", \"primary\": false, \"label\": \"home\"}]}")
                .get("data").get("id").asString();
        long contactsBefore = contacts(crm.tenant());

        // when
        assertCompleted(sync(crm));

        // then: the person is linked to the existing contact; no contact was made for its other address
        assertThat(pmId(crm, person)).isEqualTo(contact);
        assertThat(contacts(crm.tenant())).isEqualTo(contactsBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM penguinmails.contacts WHERE tenant_id = :t AND email = :e")
                .param("t", crm.tenant()).param("e", other).query(Long.class).single()).isZero();
        assertThat(emailOf(contact)).isEqualTo(existing);
    }

    @Test
    void aPipedrivePersonMatchesByAnAddressWhoseContactNoOtherPersonIsLinkedTo() throws Exception {
        // given: a person linked to the contact of its address, and a contact of another address
        CrmDriver crm = crms.get(PipedriveConnectorProvider.KIND);
        String shared = address("shared");
        String first = crm.create(shared, null, "Person");
        String free = address("free");
        long freeContact = jdbc.sql("INSERT INTO penguinmails.contacts (tenant_id, email) VALUES (:t, :e) "
                + "RETURNING id").param("t", crm.tenant()).param("e", free).query(Long.class).single();
        assertCompleted(sync(crm));
        long sharedContact = pmId(crm, first);
        long contactsBefore = contacts(crm.tenant());

        // when: a second person carries both addresses, the one the first person's contact holds first
        String second = crm.call("POST", "/api/v2/persons", "{\"name\": \"Both Addresses\", \"emails\": ["
                + "{\"value\": \"" + shared + "\", \"primary\": false, \"label\": \"work\"},"
                + "{\"value\": \"" + free + "\", \"primary\": false, \"label\": \"home\"}]}")
                .get("data").get("id").asString();
        assertCompleted(sync(crm));

        // then: it is linked to the contact no other person is linked to, without an error or a new contact
        assertThat(pmId(crm, second)).isEqualTo(freeContact);
        assertThat(pmId(crm, first)).isEqualTo(sharedContact);
        assertThat(contacts(crm.tenant())).isEqualTo(contactsBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.sync_errors WHERE connection_id = :c AND record_key = :k "
                + "AND status = 'open'").param("c", crm.connection()).param("k", "pipedrive:contact:" + second)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aPipedriveOrganizationDeletedInTheCrmClosesItsCompanyLink() throws Exception {
        // given: an organization, synced into a company
        CrmDriver crm = crms.get(PipedriveConnectorProvider.KIND);
        String organization = crm.call("POST", "/api/v2/organizations", "{\"name\": \"Gone Ltd " + numbers
                .getAndIncrement() + "\"}").get("data").get("id").asString();
        assertCompleted(sync(crm));
        Map<String, Object> before = companyLink(crm, organization);
        assertThat(before.get("deleted_at")).isNull();

        // when: it is deleted in Pipedrive (its lists leave it out: only the probe can tell)
        crm.call("DELETE", "/api/v2/organizations/" + organization, null);
        assertCompleted(sync(crm));

        // then: the link is closed and the company, linked nowhere else, soft-deleted
        Map<String, Object> after = companyLink(crm, organization);
        assertThat(after.get("deleted_at")).isNotNull();
        assertThat(jdbc.sql("SELECT deleted_at IS NOT NULL FROM penguinmails.companies WHERE id = :id")
                .param("id", after.get("pm_id")).query(Boolean.class).single()).isTrue();
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void aCrmClockFiveMinutesAheadOfOursLosesNoEditMadeBetweenRuns(CrmKind kind) throws Exception {
        // given: a CRM whose clock runs 5 minutes ahead (HubSpot searched with the default 30 s index lag), linked
        CrmDriver crm = skewed(kind, Duration.ofMinutes(5));
        try {
            List<String> people = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                people.add(crm.create(address("ahead"), null, "Person"));
            }
            crm.server().clock().advance(Duration.ofSeconds(31));
            assertCompleted(sync(crm));

            // when: each person is edited between runs, and the next run comes once the index lag has passed
            for (int i = 0; i < people.size(); i++) {
                crm.update(people.get(i), crm.lastNameField(), "Edited" + i);
            }
            crm.server().clock().advance(Duration.ofSeconds(31));
            assertCompleted(sync(crm));

            // then: every edit reached PenguinMails
            for (int i = 0; i < people.size(); i++) {
                assertThat(jdbc.sql("SELECT last_name FROM penguinmails.contacts WHERE id = :id")
                        .param("id", pmId(crm, people.get(i))).query(String.class).single()).isEqualTo("Edited" + i);
            }
        } finally {
            crm.server().close();
        }
    }

    @Test
    void aHubSpotClockFiveMinutesBehindOursLosesNoDeletionMadeBetweenRuns() throws Exception {
        // given: a portal whose clock runs 5 minutes behind ours, linked
        CrmDriver crm = skewed(HubSpotConnectorProvider.KIND, Duration.ofMinutes(-5));
        try {
            String person = crm.create(address("behind"), null, "Person");
            crm.server().clock().advance(Duration.ofSeconds(31));
            assertCompleted(sync(crm));
            long contact = pmId(crm, person);

            // when: the person is deleted between runs
            crm.delete(person);
            crm.server().clock().advance(Duration.ofSeconds(31));
            assertCompleted(sync(crm));

            // then: its link is closed and the contact, linked nowhere else, soft-deleted
            assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.record_links WHERE connection_id = :c "
                    + "AND crm_id = :id AND deleted_at IS NOT NULL").param("c", crm.connection()).param("id", person)
                    .query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT deleted_at IS NOT NULL FROM penguinmails.contacts WHERE id = :id")
                    .param("id", contact).query(Boolean.class).single()).isTrue();
        } finally {
            crm.server().close();
        }
    }

    /** A fresh sandbox of the CRM whose clock is {@code skew} off ours, connected to a tenant of its own. */
    private CrmDriver skewed(CrmKind kind, Duration skew) {
        String tenant = "id-skew-" + kind.id() + "-" + numbers.getAndIncrement();
        tenant(tenant, tenant);
        SandboxOptions options = SandboxOptions.defaults().withSeedContacts(0);
        CrmDriver crm = kind == HubSpotConnectorProvider.KIND ? CrmDriver.of(HubSpotSandbox.start(options,
                HubSpotSettings.defaults().withSearchIndexDelay(Duration.ofSeconds(5))))
                : CrmDriver.start(kind, options);
        if (kind == SalesforceConnectorProvider.KIND) {
            crm.connect(registry, tenant);
        } else {
            crm.connect(registry, tenant, tenant, kind == HubSpotConnectorProvider.KIND ? Map.of("searchIndexLag", "PT30S")
                    : Map.of());
        }
        crm.server().clock().skew(skew);
        return crm;
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private String address(String prefix) {
        return prefix + "-" + numbers.getAndIncrement() + "@identity.example";
    }

    private JobExecution sync(CrmDriver crm) {
        crm.beforeRun();
        return run(ContactSyncJobConfiguration.JOB_NAME, 2, crm.tenant());
    }

    private long pmId(CrmDriver crm, String crmId) {
        return jdbc.sql("SELECT pm_id FROM crm_sync.record_links WHERE connection_id = :c AND pm_entity = 'contact' "
                + "AND crm_id = :id AND deleted_at IS NULL").param("c", crm.connection()).param("id", crmId)
                .query(Long.class).single();
    }

    private Map<String, Object> companyLink(CrmDriver crm, String crmId) {
        return jdbc.sql("SELECT pm_id, deleted_at FROM crm_sync.record_links WHERE connection_id = :c "
                + "AND pm_entity = 'company' AND crm_id = :id").param("c", crm.connection()).param("id", crmId)
                .query().singleRow();
    }

    private long contacts(String tenant) {
        return jdbc.sql("SELECT count(*) FROM penguinmails.contacts WHERE tenant_id = :t").param("t", tenant)
                .query(Long.class).single();
    }

    private String emailOf(long contact) {
        return jdbc.sql("SELECT email FROM penguinmails.contacts WHERE id = :id").param("id", contact)
                .query(String.class).single();
    }
}
