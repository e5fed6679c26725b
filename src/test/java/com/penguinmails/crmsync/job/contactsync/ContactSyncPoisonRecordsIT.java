package com.penguinmails.crmsync.job.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.core.ConflictPolicy;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.SyncError;
import com.penguinmails.crmsync.store.FieldMappingStore;
import com.penguinmails.crmsync.store.SyncErrorStore;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.CrmDrivers;
import com.penguinmails.crmsync.testing.HubSpotDriver;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * No single record stops a connection, and nothing is dropped unseen, on Salesforce and HubSpot: a NUL byte in a CRM
 * text field is removed (an open warning) while the rest of the chunk syncs; a mapped field the CRM does not have
 * (deleted after it was mapped) dead-letters that field of the records that carry it while their other fields and
 * the innocent records sync; a HubSpot batch refused whole (400) for one bad value lands, that record without the
 * value, which is dead-lettered; an invalid phone, a
 * picklist value outside the map, a date-time without a zone and a value cut to length are open warnings, resolved
 * once the values sync. Each scenario has a tenant and connection of its own.
 */
@SpringBootTest(properties = {"crmsync.contact-sync.chunk-size=10", "crmsync.contact-sync.page-size=10"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactSyncPoisonRecordsIT extends SyncJobIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "contact_sync_poison");
    }

    @Autowired
    FieldMappingStore mappings;
    @Autowired
    SyncErrorStore errors;

    private final List<CrmDriver> started = new ArrayList<>();

    @AfterAll
    void stop() {
        started.forEach(CrmDriver::close);
    }

    // ---------------------------------------------------------------------------------------------------- scenarios

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void aNulByteInACrmTextFieldIsRemovedWithAnOpenWarningAndTheRestOfTheChunkSyncs(CrmKind kind) throws Exception {
        // given: three people in one chunk, one with a NUL byte inside its first name
        String tenant = "nul-" + kind.id();
        CrmDriver crm = connect(kind, tenant);
        long connection = crm.connection();
        crm.create("before-" + kind.id() + "@poison.example", "Ada", "Before");
        String poisoned = crm.create("nul-" + kind.id() + "@poison.example", "Gr\\u0000ace", "Hopper");
        crm.create("after-" + kind.id() + "@poison.example", "Alan", "After");

        // when
        assertCompleted(sync(crm, tenant));

        // then: everyone synced, the NUL gone, an open warning naming the record and the field (not the value)
        assertThat(firstName(tenant, "nul-" + kind.id() + "@poison.example")).isEqualTo("Grace");
        assertThat(firstName(tenant, "before-" + kind.id() + "@poison.example")).isEqualTo("Ada");
        assertThat(firstName(tenant, "after-" + kind.id() + "@poison.example")).isEqualTo("Alan");
        List<SyncErrorStore.Entry> open = open(connection);
        assertThat(open).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo("warning");
            assertThat(w.recordKey()).endsWith(":" + poisoned);
            assertThat(w.field()).isEqualTo(crm.firstNameField());
            assertThat(w.reason()).contains("NUL").doesNotContain("Grace");
        });
        assertThat(errors.openByExecution(lastExecution(connection))).containsEntry(SyncError.Kind.WARNING, 1L)
                .containsEntry(SyncError.Kind.ERROR, 0L);

        // when: the CRM user fixes the name
        crm.update(poisoned, crm.firstNameField(), "Grace");
        assertCompleted(sync(crm, tenant));

        // then: the warning is resolved
        assertThat(open(connection)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"salesforce", "hubspot"})
    void aMappedFieldTheCrmDoesNotHaveDeadLettersThatFieldAndEverythingElseSyncs(CrmKind kind) throws Exception {
        // given: two linked people
        String tenant = "gone-" + kind.id();
        CrmDriver crm = connect(kind, tenant);
        long connection = crm.connection();
        String carrier = crm.create("carrier-" + kind.id() + "@poison.example", "Cara", "Carrier");
        String innocent = crm.create("innocent-" + kind.id() + "@poison.example", "Ian", "Innocent");
        assertCompleted(sync(crm, tenant));
        // and job titles also go to a field deleted in the CRM after it was mapped (stored past 'mapping set')
        mappings.replace(connection, ObjectType.CONTACT, crm.deletedField(), "job_title", "out",
                ConflictPolicy.NEWEST_WINS, List.of());

        // when: one contact's job title changes (it carries the deleted field), the other's last name
        long carrierId = contactId(tenant, "carrier-" + kind.id() + "@poison.example");
        long innocentId = contactId(tenant, "innocent-" + kind.id() + "@poison.example");
        jdbc.sql("UPDATE penguinmails.contacts SET job_title = 'Chief Penguin', updated_at = now() WHERE id = :id")
                .param("id", carrierId).update();
        jdbc.sql("UPDATE penguinmails.contacts SET last_name = 'Blameless', updated_at = now() WHERE id = :id")
                .param("id", innocentId).update();
        changes.markChanged(tenant, List.of(carrierId, innocentId), "test");
        JobExecution execution = sync(crm, tenant);

        // then: the partition completed; both records reached the CRM, the carrier without the deleted field
        assertCompleted(execution);
        assertThat(crm.field(carrier, crm.titleField())).isEqualTo("Chief Penguin");
        assertThat(crm.field(innocent, crm.lastNameField())).isEqualTo("Blameless");
        assertThat(open(connection)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("error");
            assertThat(e.recordKey()).isEqualTo("penguinmails:contact:" + carrierId);
            assertThat(e.field()).isEqualTo(crm.deletedField());
            assertThat(e.reason()).contains(crm.deletedField());
        });

        // when: the map is fixed
        mappings.delete(connection, ObjectType.CONTACT, crm.deletedField());
        assertCompleted(sync(crm, tenant));

        // then: the retried record syncs and its dead letter is resolved
        assertThat(open(connection)).isEmpty();
    }

    @Test
    void aHubSpotBatchRefusedWholeForOneBadValueLandsAndOnlyThatFieldIsDeadLettered() throws Exception {
        // given: ten linked people, job titles also going to a number property (a text is refused by HubSpot)
        String tenant = "batch-hubspot";
        CrmDriver crm = connect(HubSpotConnectorProvider.KIND, tenant);
        long connection = crm.connection();
        for (int i = 0; i < 10; i++) {
            crm.create("batch" + i + "@poison.example", "B" + i, "Batch");
        }
        assertCompleted(sync(crm, tenant));
        mappings.replace(connection, ObjectType.CONTACT, "penguinmails_lead_score", "job_title", "out",
                ConflictPolicy.NEWEST_WINS, List.of());
        List<Long> ids = jdbc.sql("SELECT id FROM penguinmails.contacts WHERE tenant_id = :t ORDER BY id")
                .param("t", tenant).query(Long.class).list();
        // nine get a numeric title, one a text: HubSpot refuses the whole batch of ten with a 400 naming that input
        for (int i = 0; i < ids.size(); i++) {
            jdbc.sql("UPDATE penguinmails.contacts SET job_title = :v, last_name = 'Renamed' WHERE id = :id")
                    .param("v", i == 4 ? "Head of Fish" : Integer.toString(10 + i)).param("id", ids.get(i)).update();
        }
        changes.markChanged(tenant, ids, "test");

        // when
        assertCompleted(sync(crm, tenant));

        // then: all ten landed, the bad one without its bad value, which is dead-lettered naming the field
        assertThat(((HubSpotDriver) crm).lastNames("Renamed")).isEqualTo(10);
        assertThat(open(connection)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("error");
            assertThat(e.recordKey()).isEqualTo("penguinmails:contact:" + ids.get(4));
            assertThat(e.field()).isEqualTo("penguinmails_lead_score");
            assertThat(e.reason()).contains("INVALID_DECIMAL").doesNotContain("Head of Fish");
        });
    }

    @Test
    void droppedCleanedAndCutValuesAreOpenWarningsUntilTheValuesSync() throws Exception {
        // given: HubSpot maps a lead status picklist, a date-time kept as text, and job titles cut to 10 characters
        String tenant = "dropped-hubspot";
        CrmDriver crm = connect(HubSpotConnectorProvider.KIND, tenant);
        long connection = crm.connection();
        mappings.replace(connection, ObjectType.CONTACT, "hs_lead_status", "custom.lead_status", "in",
                ConflictPolicy.NEWEST_WINS, List.of(Map.of("picklist", Map.of("NEW", "new"))));
        mappings.replace(connection, ObjectType.CONTACT, "city", "custom.seen_at", "in",
                ConflictPolicy.NEWEST_WINS, List.of("instant"));
        mappings.replace(connection, ObjectType.CONTACT, "jobtitle", "job_title", "both",
                ConflictPolicy.NEWEST_WINS, List.of("trim", "max-length:10"));
        String id = crm.create("dropped@poison.example", "Dora", "Dropped");
        crm.update(id, "phone", "12");
        crm.update(id, "hs_lead_status", "OPEN");
        crm.update(id, "city", "2026-03-01T10:15:00");
        crm.update(id, "jobtitle", "Chief Executive Officer");

        // when
        assertCompleted(sync(crm, tenant));

        // then: the contact synced with what could be kept; four open warnings, one per field
        long contact = contactId(tenant, "dropped@poison.example");
        assertThat(jdbc.sql("SELECT job_title FROM penguinmails.contacts WHERE id = :id").param("id", contact)
                .query(String.class).single()).isEqualTo("Chief Exec");
        List<SyncErrorStore.Entry> warnings = open(connection);
        assertThat(warnings).allSatisfy(w -> {
            assertThat(w.kind()).isEqualTo("warning");
            assertThat(w.recordKey()).isEqualTo("hubspot:contact:" + id);
        });
        assertThat(warnings).extracting(SyncErrorStore.Entry::field)
                .containsExactlyInAnyOrder("phone", "hs_lead_status", "city", "jobtitle");
        assertThat(warnings.toString()).contains("not a possible phone number", "outside its picklist map",
                "without a time zone", "cut to 10 characters").doesNotContain("OPEN,", "Chief Executive");

        // when: the values are fixed in the CRM
        crm.update(id, "phone", "+14155550100");
        crm.update(id, "hs_lead_status", "NEW");
        crm.update(id, "city", "2026-03-01T10:15:00Z");
        crm.update(id, "jobtitle", "CEO");
        assertCompleted(sync(crm, tenant));

        // then: every warning is resolved
        assertThat(open(connection)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.sync_errors WHERE connection_id = :c AND kind = 'warning' "
                + "AND status = 'resolved'").param("c", connection).query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void anOutboundValueCutToTheFieldsLengthIsAnOpenWarningUntilAValueThatFitsSyncs() throws Exception {
        // given: a linked HubSpot contact whose job titles are cut to 10 characters both ways
        String tenant = "cut-hubspot";
        CrmDriver crm = connect(HubSpotConnectorProvider.KIND, tenant);
        long connection = crm.connection();
        mappings.replace(connection, ObjectType.CONTACT, "jobtitle", "job_title", "both",
                ConflictPolicy.PENGUINMAILS_WINS, List.of("trim", "max-length:10"));
        String id = crm.create("cut@poison.example", "Cut", "Short");
        assertCompleted(sync(crm, tenant));
        long contact = contactId(tenant, "cut@poison.example");

        // when: PenguinMails holds a longer title
        jdbc.sql("UPDATE penguinmails.contacts SET job_title = 'Vice President of Ice', updated_at = now() "
                + "WHERE id = :id").param("id", contact).update();
        changes.markChanged(tenant, List.of(contact), "test");
        assertCompleted(sync(crm, tenant));

        // then: the CRM holds it cut, and the cut is an open warning of the contact's field
        assertThat(crm.field(id, "jobtitle")).isEqualTo("Vice Presi");
        assertThat(open(connection)).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo("warning");
            assertThat(w.recordKey()).isEqualTo("penguinmails:contact:" + contact);
            assertThat(w.field()).isEqualTo("job_title");
            assertThat(w.reason()).contains("cut to 10 characters").doesNotContain("Vice");
        });

        // when: the title is changed to one that fits
        jdbc.sql("UPDATE penguinmails.contacts SET job_title = 'CEO', updated_at = now() WHERE id = :id")
                .param("id", contact).update();
        changes.markChanged(tenant, List.of(contact), "test");
        assertCompleted(sync(crm, tenant));

        // then
        assertThat(crm.field(id, "jobtitle")).isEqualTo("CEO");
        assertThat(open(connection)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    /** An empty sandbox of the CRM of its own, the tenant (inserted here) connected to it. */
    private CrmDriver connect(CrmKind kind, String tenant) {
        tenant(tenant, tenant);
        CrmDriver crm = CrmDriver.start(kind, 0);
        started.add(crm);
        crm.connect(registry, tenant, tenant + "-" + kind.id(), kind == HubSpotConnectorProvider.KIND
                ? Map.of("requestsPerSecond", "200") : Map.of());
        return crm;
    }

    private JobExecution sync(CrmDriver crm, String tenant) {
        crm.beforeRun();
        return run(ContactSyncJobConfiguration.JOB_NAME, 2, tenant);
    }

    private List<SyncErrorStore.Entry> open(long connection) {
        return errors.list(null, connection, "open", 100);
    }

    private long lastExecution(long connection) {
        return jdbc.sql("SELECT max(job_execution_id) FROM crm_sync.sync_errors WHERE connection_id = :c")
                .param("c", connection).query(Long.class).single();
    }

    private long contactId(String tenant, String email) {
        return jdbc.sql("SELECT id FROM penguinmails.contacts WHERE tenant_id = :t AND email = :e")
                .param("t", tenant).param("e", email).query(Long.class).single();
    }

    private @Nullable String firstName(String tenant, String email) {
        return jdbc.sql("SELECT first_name FROM penguinmails.contacts WHERE tenant_id = :t AND email = :e")
                .param("t", tenant).param("e", email).query(String.class).single();
    }
}
