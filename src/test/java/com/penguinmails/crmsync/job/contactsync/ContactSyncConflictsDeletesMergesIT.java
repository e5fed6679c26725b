package com.penguinmails.crmsync.job.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.core.ConflictPolicy;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.store.FieldMappingStore;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Conflicting edits under each policy, and CRM deletes and merges, through contact-sync on the HubSpot sandbox. */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactSyncConflictsDeletesMergesIT extends SyncJobIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "contact_sync_conflicts");
    }

    @Autowired
    FieldMappingStore mappings;

    @AutoClose
    CrmDriver hubspot;
    long connectionId;

    @BeforeAll
    void connect() {
        hubspot = CrmDriver.start(HubSpotConnectorProvider.KIND, 12);
        tenant("acme", "Acme");
        connectionId = hubspot.connect(registry, "acme", "hub-c");
        assertThat(sync()).isEqualTo(BatchStatus.COMPLETED);
    }

    private BatchStatus sync() {
        return run(ContactSyncJobConfiguration.JOB_NAME, 1, "acme").getStatus();
    }

    private JsonNode hubspot(String method, String path, String body) throws Exception {
        return hubspot.call(method, path, body);
    }

    private List<String> linkedCrmIds() {
        return jdbc.sql("SELECT crm_id FROM crm_sync.record_links WHERE connection_id = :c AND deleted_at IS NULL "
                + "AND pm_entity = 'contact' "
                + "ORDER BY pm_id").param("c", connectionId).query(String.class).list();
    }

    private long pmIdOf(String crmId) {
        return jdbc.sql("SELECT pm_id FROM crm_sync.record_links WHERE connection_id = :c AND crm_id = :id")
                .param("c", connectionId).param("id", crmId).query(Long.class).single();
    }

    /** Edits job title on both sides (PenguinMails first, then HubSpot, so HubSpot's edit is newer). */
    private void editBothSides(String crmId, String pmTitle, String crmTitle) throws Exception {
        long pmId = pmIdOf(crmId);
        jdbc.sql("UPDATE penguinmails.contacts SET job_title = :t, updated_at = now() - interval '1 minute' "
                + "WHERE id = :id").param("t", pmTitle).param("id", pmId).update();
        hubspot("PATCH", "/crm/v3/objects/contacts/" + crmId, "{\"properties\": {\"jobtitle\": \"" + crmTitle + "\"}}");
    }

    private String pmTitle(String crmId) {
        return jdbc.sql("SELECT job_title FROM penguinmails.contacts WHERE id = :id").param("id", pmIdOf(crmId))
                .query(String.class).single();
    }

    private void policy(ConflictPolicy policy) {
        mappings.replace(connectionId, ObjectType.CONTACT, "jobtitle", "job_title", "both", policy, List.of("trim"));
    }

    @Test
    @Order(1)
    void bothSidesEditingAFieldIsResolvedByEachPolicyAndAudited() throws Exception {
        List<String> ids = linkedCrmIds();
        long conflictsBefore = jdbc.sql("SELECT count(*) FROM crm_sync.sync_audit WHERE action = 'conflict'")
                .query(Long.class).single();

        // each policy in turn on a different contact: CRM_WINS takes HubSpot's, PENGUINMAILS_WINS ours
        policy(ConflictPolicy.CRM_WINS);
        editBothSides(ids.get(0), "PM Title A", "CRM Title A");
        assertThat(sync()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(pmTitle(ids.get(0))).isEqualTo("CRM Title A");

        policy(ConflictPolicy.PENGUINMAILS_WINS);
        editBothSides(ids.get(1), "PM Title B", "CRM Title B");
        assertThat(sync()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(pmTitle(ids.get(1))).isEqualTo("PM Title B");

        policy(ConflictPolicy.NEWEST_WINS);
        editBothSides(ids.get(2), "PM Title C", "CRM Title C");
        assertThat(sync()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(pmTitle(ids.get(2))).isEqualTo("CRM Title C"); // HubSpot's edit is the newer one

        assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.sync_audit WHERE action = 'conflict'")
                .query(Long.class).single()).isEqualTo(conflictsBefore + 3);
        assertThat(jdbc.sql("SELECT details::text FROM crm_sync.sync_audit WHERE action = 'conflict' ORDER BY id DESC "
                + "LIMIT 1").query(String.class).single()).contains("job_title").doesNotContain("PM Title", "CRM Title");
    }

    @Test
    @Order(2)
    void contactsDeletedOrMergedInHubSpotCloseOrRepointTheirLinks() throws Exception {
        // given
        List<String> ids = linkedCrmIds();
        String deleted = ids.get(5);
        String survivor = ids.get(6);
        String merged = ids.get(7);
        hubspot("DELETE", "/crm/v3/objects/contacts/" + deleted, null);
        hubspot("POST", "/crm/v3/objects/contacts/merge",
                "{\"primaryObjectId\": \"" + survivor + "\", \"objectIdToMerge\": \"" + merged + "\"}");

        // when
        assertThat(sync()).isEqualTo(BatchStatus.COMPLETED);

        // then
        Map<String, Object> deletedLink = jdbc.sql("SELECT deleted_at, merged_into FROM crm_sync.record_links "
                + "WHERE connection_id = :c AND crm_id = :id").param("c", connectionId).param("id", deleted)
                .query().singleRow();
        assertThat(deletedLink.get("deleted_at")).isNotNull();
        assertThat(deletedLink.get("merged_into")).isNull();
        Map<String, Object> mergedLink = jdbc.sql("SELECT deleted_at, merged_into FROM crm_sync.record_links "
                + "WHERE connection_id = :c AND crm_id = :id").param("c", connectionId).param("id", merged)
                .query().singleRow();
        assertThat(mergedLink.get("merged_into")).isEqualTo(survivor);
        assertThat(linkedCrmIds()).contains(survivor).doesNotContain(deleted, merged);
    }
}
