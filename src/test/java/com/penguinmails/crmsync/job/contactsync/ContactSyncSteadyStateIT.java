package com.penguinmails.crmsync.job.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.ConflictPolicy;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.store.FieldMappingStore;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.CrmDrivers;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
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
 * After any outbound write the CRM's echo reads as unchanged: the run after a create, an update or a value cut to the
 * CRM field's length writes nothing either way, the PenguinMails value stays whole (even when the field's policy is
 * CRM_WINS) and the cut's warning stays open; and a contact born in one CRM and created by the outbound writer in
 * the tenant's other CRM is, at that CRM's first read, neither a conflict nor a write. One tenant and connection
 * ({@code createContactsInCrm=true}) per CRM.
 */
@SpringBootTest(properties = {"crmsync.contact-sync.chunk-size=10", "crmsync.contact-sync.page-size=10"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactSyncSteadyStateIT extends SyncJobIT {

    /** Longer than 40 characters, without a space at the cut (Pipedrive splits a name at its last space). */
    private static final String LONG_TEXT = "Featherstonehaugh-Cholmondeley-Marjoribanks-Abercrombie-Fitzgerald";
    private static final String OTHER_LONG_TEXT = "Wolfeschlegelsteinhausen-Bergerdorff-Welchevoralternwaren";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "contact_sync_steady_state");
    }

    @Autowired
    FieldMappingStore mappings;

    @AutoClose
    final CrmDrivers crms = new CrmDrivers();

    @BeforeAll
    void connect() {
        CrmDrivers.insertTenants(jdbc, "every");
        crms.connectEach(registry, "every", Map.of(SalesforceConnectorProvider.KIND, 0,
                HubSpotConnectorProvider.KIND, 6, PipedriveConnectorProvider.KIND, 0), Map.of("createContactsInCrm", "true"));
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    @Order(1)
    void afterAnOutboundCreateUpdateOrCutTheNextRunWritesNothingEitherWayAndKeepsTheWholeValue(CrmKind kind)
            throws Exception {
        // given: a CRM field shorter than the PenguinMails value, CRM_WINS for it, and the CRM's own people synced
        CrmDriver crm = crms.get(kind);
        Cut cut = cut(crm, LONG_TEXT);
        assertCompleted(sync(crm));
        long longOne = insertContact(crm, "long", "Pat", "Long");
        long plain = insertContact(crm, "plain", "Sam", "Plain");
        set(longOne, cut);

        // when: the contacts are created in the CRM (the long value cut), and contact-sync runs again
        assertCompleted(sync(crm));
        String longId = crmId(crm, longOne);
        assertThat(crm.field(longId, cut.crmField())).isEqualTo(cut.expectedInCrm());
        assertSteady(crm, "create");

        // then: PenguinMails keeps the whole value, its warning stays open
        assertThat(pmValue(longOne, cut.pmColumn())).isEqualTo(cut.whole());
        assertThat(openWarnings(crm, longOne)).isEqualTo(1);

        // when: both are updated in PenguinMails (a new phone on one, a new long value on the other)
        jdbc.sql("UPDATE penguinmails.contacts SET phone = '(650) 253-0077' WHERE id = :id").param("id", plain)
                .update();
        Cut again = cut(crm, OTHER_LONG_TEXT);
        set(longOne, again);
        assertCompleted(sync(crm));
        assertThat(crm.phone(crmId(crm, plain))).isEqualTo("+16502530077");
        assertThat(crm.field(longId, cut.crmField())).isEqualTo(again.expectedInCrm());

        // then: their echoes are no change either, and PenguinMails keeps what it had (its own phone format too)
        assertSteady(crm, "update");
        assertThat(pmValue(longOne, cut.pmColumn())).isEqualTo(again.whole());
        assertThat(pmValue(plain, "phone")).isEqualTo("(650) 253-0077");
        assertThat(openWarnings(crm, longOne)).isEqualTo(1);

        // when: a value that fits syncs, the warning is resolved
        jdbc.sql("UPDATE penguinmails.contacts SET " + cut.pmColumn() + " = 'Short' WHERE id = :id")
                .param("id", longOne).update();
        assertCompleted(sync(crm));
        assertThat(openWarnings(crm, longOne)).isZero();
        assertSteady(crm, "fit");
    }

    @Test
    @Order(2)
    void aContactBornInOneCrmAndCreatedInTheTenantsOtherCrmIsNeitherAConflictNorAWriteAtItsFirstEcho()
            throws Exception {
        // given: a HubSpot tenant synced (HubSpot's seeded people, some with a company; one with a two-word first
        // name, which Pipedrive splits otherwise), then connected to a Pipedrive account that creates contacts
        CrmDriver hubspot = crms.get(HubSpotConnectorProvider.KIND);
        hubspot.create("mary.ann@" + hubspot.tenant() + ".steady.example", "Mary Ann", "Lee");
        assertCompleted(sync(hubspot));
        assertCompleted(sync(hubspot));
        CrmDriver pipedrive = CrmDriver.start(PipedriveConnectorProvider.KIND, 0);
        try {
            pipedrive.connect(registry, hubspot.tenant(), "steady-second", Map.of("createContactsInCrm", "true"));
            assertCompleted(sync(hubspot));
            List<Long> created = jdbc.sql("SELECT pm_id FROM crm_sync.record_links WHERE connection_id = :c "
                    + "AND pm_entity = 'contact'").param("c", pipedrive.connection()).query(Long.class).list();
            assertThat(created).hasSizeGreaterThanOrEqualTo(7);
            Map<String, Object> hubspotWrites = hubspot.writeFootprint();
            Map<String, Object> pipedriveWrites = pipedrive.writeFootprint();
            Map<Long, OffsetDateTime> contactsBefore = updatedAt(hubspot);

            // when: contact-sync runs once more (Pipedrive's first read of the persons it created)
            JobExecution echo = sync(hubspot);
            assertCompleted(echo);

            // then: no write in any direction, no conflict
            assertThat(hubspot.writeFootprint()).isEqualTo(hubspotWrites);
            assertThat(pipedrive.writeFootprint()).isEqualTo(pipedriveWrites);
            assertThat(updatedAt(hubspot)).isEqualTo(contactsBefore);
            assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.sync_audit WHERE tenant_id = :t AND action = 'conflict' "
                    + "AND job_execution_id = :e").param("t", hubspot.tenant()).param("e", echo.getId())
                    .query(Long.class).single()).isZero();
        } finally {
            jdbc.sql("UPDATE crm_sync.connections SET status = 'disabled' WHERE tenant_id = :t AND crm = 'pipedrive'")
                    .param("t", hubspot.tenant()).update();
            pipedrive.close();
        }
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    /**
     * A PenguinMails value longer than the CRM field it goes to: Salesforce's Title and HubSpot's jobtitle (cut to 40
     * by a connection map, CRM_WINS), Pipedrive's name (from first and last name, cut to 40 by a connection map;
     * Pipedrive derives its read-only first and last name from it, which come back in CRM_WINS).
     */
    private record Cut(String pmColumn, String crmField, String whole, String expectedInCrm) {
    }

    private Cut cut(CrmDriver crm, String value) {
        List<String> cutTo40 = List.of("trim", "max-length:40");
        return switch (crm.kind().id()) {
            case "salesforce", "hubspot" -> {
                String field = crm.kind() == SalesforceConnectorProvider.KIND ? "Title" : "jobtitle";
                mappings.replace(crm.connection(), ObjectType.CONTACT, field, "job_title", "both",
                        ConflictPolicy.CRM_WINS, cutTo40);
                yield new Cut("job_title", field, value, value.substring(0, 40));
            }
            case "pipedrive" -> {
                mappings.replace(crm.connection(), ObjectType.CONTACT, "name", "full_name", "out",
                        ConflictPolicy.CRM_WINS, cutTo40);
                for (String name : List.of("first_name", "last_name")) {
                    mappings.replace(crm.connection(), ObjectType.CONTACT, name, name, "in", ConflictPolicy.CRM_WINS,
                            List.of("trim"));
                }
                yield new Cut("last_name", "name", value, ("Pat " + value).substring(0, 40));
            }
            default -> throw new IllegalArgumentException("unknown CRM " + crm.kind());
        };
    }

    private void set(long contact, Cut cut) {
        jdbc.sql("UPDATE penguinmails.contacts SET " + cut.pmColumn() + " = :v WHERE id = :id")
                .param("v", cut.whole()).param("id", contact).update();
    }

    private long insertContact(CrmDriver crm, String local, String first, String last) {
        return jdbc.sql("INSERT INTO penguinmails.contacts (tenant_id, email, first_name, last_name) "
                + "VALUES (:t, :e, :f, :l) RETURNING id").param("t", crm.tenant())
                .param("e", local + "@" + crm.kind().id() + ".steady.example")
                .param("f", first).param("l", last).query(Long.class).single();
    }

    private String crmId(CrmDriver crm, long contact) {
        return jdbc.sql("SELECT crm_id FROM crm_sync.record_links WHERE connection_id = :c AND pm_entity = 'contact' "
                + "AND pm_id = :id AND deleted_at IS NULL").param("c", crm.connection()).param("id", contact)
                .query(String.class).single();
    }

    private @Nullable String pmValue(long contact, String column) {
        return jdbc.sql("SELECT " + column + " FROM penguinmails.contacts WHERE id = :id").param("id", contact)
                .query(String.class).optional().orElse(null);
    }

    private long openWarnings(CrmDriver crm, long contact) {
        return jdbc.sql("SELECT count(*) FROM crm_sync.sync_errors WHERE connection_id = :c AND status = 'open' "
                        + "AND kind = 'warning' AND record_key = :k").param("c", crm.connection())
                .param("k", "penguinmails:contact:" + contact).query(Long.class).single();
    }

    private Map<Long, OffsetDateTime> updatedAt(CrmDriver crm) {
        Map<Long, OffsetDateTime> rows = new TreeMap<>();
        jdbc.sql("SELECT id, updated_at FROM penguinmails.contacts WHERE tenant_id = :t").param("t", crm.tenant())
                .query((rs, n) -> rows.put(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).list();
        return rows;
    }

    private void assertSteady(CrmDriver crm, String after) throws Exception {
        Map<String, Object> writes = crm.writeFootprint();
        Map<Long, OffsetDateTime> contacts = updatedAt(crm);
        assertCompleted(sync(crm));
        assertThat(crm.writeFootprint()).as("CRM writes in the run after the %s", after).isEqualTo(writes);
        assertThat(updatedAt(crm)).as("contacts changed in the run after the %s", after).isEqualTo(contacts);
        assertCompleted(sync(crm));
        assertThat(crm.writeFootprint()).as("CRM writes two runs after the %s", after).isEqualTo(writes);
    }

    private JobExecution sync(CrmDriver crm) {
        crm.beforeRun();
        return run(ContactSyncJobConfiguration.JOB_NAME, 1, crm.tenant());
    }
}
