package com.penguinmails.crmsync.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The CRM v3 batch endpoints: 200/201 and 207 multi-status bodies, whole-batch refusals, the 100-input limit. */
class HubSpotSandboxBatchIT {

    private static HubSpotSandbox sandbox;
    private static HubSpotTestClient client;

    @BeforeAll
    static void start() {
        sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(10));
        client = new HubSpotTestClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Map<String, Object> contact(String email) {
        return Map.of("properties", Map.of("email", email, "firstname", "Batch"));
    }

    @Test
    void batchCreateAnswers201WithEveryRecord() {
        // when
        HubSpotTestClient.Reply reply = client.post("/crm/v3/objects/contacts/batch/create",
                Map.of("inputs", List.of(contact("b1@batch.example"), contact("b2@batch.example"))));

        // then
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("status").asString()).isEqualTo("COMPLETE");
        assertThat(reply.json().path("results").size()).isEqualTo(2);
        assertThat(reply.json().has("startedAt")).isTrue();
        assertThat(reply.json().has("completedAt")).isTrue();
        assertThat(reply.json().has("errors")).isFalse();
    }

    @Test
    void batchWithOneInvalidValueWritesNothing() {
        // when
        HubSpotTestClient.Reply reply = client.post("/crm/v3/objects/contacts/batch/create",
                Map.of("inputs", List.of(contact("ok@invalid-batch.example"),
                        Map.of("properties", Map.of("email", "broken")))));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("category").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(client.get("/crm/v3/objects/contacts/ok@invalid-batch.example?idProperty=email").status())
                .isEqualTo(404);
    }

    @Test
    void moreThanOneHundredInputsAreRefused() {
        // given
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            inputs.add(contact("many" + i + "@batch.example"));
        }

        // when
        HubSpotTestClient.Reply reply = client.post("/crm/v3/objects/contacts/batch/create", Map.of("inputs", inputs));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("category").asString()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void batchReadReportsMissingIdsInA207() {
        // given
        String id = client.createContact("read207@batch.example", Map.of());

        // when
        HubSpotTestClient.Reply reply = client.post("/crm/v3/objects/contacts/batch/read", Map.of(
                "inputs", List.of(Map.of("id", id), Map.of("id", "987654321")),
                "properties", List.of("email"), "propertiesWithHistory", List.of()));

        // then
        assertThat(reply.status()).isEqualTo(207);
        assertThat(reply.json().path("results").size()).isEqualTo(1);
        assertThat(reply.json().path("numErrors").asInt()).isEqualTo(1);
        JsonNode error = reply.json().path("errors").get(0);
        assertThat(error.path("status").asString()).isEqualTo("error");
        assertThat(error.path("category").asString()).isEqualTo("OBJECT_NOT_FOUND");
        assertThat(error.path("context").path("ids").get(0).asString()).isEqualTo("987654321");
    }

    @Test
    void batchUpdateAppliesFoundIdsAndReportsTheOthers() {
        // given
        String id = client.createContact("upd@batch.example", Map.of());

        // when
        HubSpotTestClient.Reply reply = client.post("/crm/v3/objects/contacts/batch/update", Map.of("inputs", List.of(
                Map.of("id", id, "properties", Map.of("jobtitle", "Chief Penguin")),
                Map.of("id", "987654322", "properties", Map.of("jobtitle", "Ghost")))));

        // then
        assertThat(reply.status()).isEqualTo(207);
        assertThat(reply.json().path("results").get(0).path("properties").path("jobtitle").asString())
                .isEqualTo("Chief Penguin");
        assertThat(client.get("/crm/v3/objects/contacts/" + id + "?properties=jobtitle").json()
                .path("properties").path("jobtitle").asString()).isEqualTo("Chief Penguin");
    }

    @Test
    void duplicateIdsInOneBatchAreRefused() {
        // when
        HubSpotTestClient.Reply reply = client.post("/crm/v3/objects/contacts/batch/update", Map.of("inputs", List.of(
                Map.of("id", "1001", "properties", Map.of()), Map.of("id", "1001", "properties", Map.of()))));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("message").asString()).startsWith("Duplicate IDs found in batch input");
    }

    @Test
    void upsertByEmailCreatesOrUpdatesAndSaysWhichIsNew() {
        // given
        String existing = client.createContact("known@upsert.example", Map.of());

        // when
        HubSpotTestClient.Reply reply = client.post("/crm/v3/objects/contacts/batch/upsert", Map.of("inputs", List.of(
                Map.of("id", "known@upsert.example", "idProperty", "email",
                        "properties", Map.of("lastname", "Known")),
                Map.of("id", "fresh@upsert.example", "idProperty", "email",
                        "properties", Map.of("lastname", "Fresh")))));

        // then
        assertThat(reply.status()).isEqualTo(200);
        JsonNode results = reply.json().path("results");
        assertThat(results.size()).isEqualTo(2);
        for (JsonNode result : results) {
            boolean isNew = result.path("new").asBoolean();
            assertThat(result.path("id").asString().equals(existing)).isEqualTo(!isNew);
        }
        assertThat(client.get("/crm/v3/objects/contacts/fresh@upsert.example?idProperty=email").status())
                .isEqualTo(200);
    }

    @Test
    void upsertByANonUniquePropertyIsRefused() {
        // when
        HubSpotTestClient.Reply reply = client.post("/crm/v3/objects/contacts/batch/upsert", Map.of("inputs", List.of(
                Map.of("id", "Ada", "idProperty", "firstname", "properties", Map.of()))));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("message").asString()).contains("non-unique 0-1 property");
    }

    @Test
    void batchArchiveAnswers204AndArchives() {
        // given
        String id = client.createContact("gone@batch.example", Map.of());

        // when
        HubSpotTestClient.Reply reply = client.post("/crm/v3/objects/contacts/batch/archive",
                Map.of("inputs", List.of(Map.of("id", id))));

        // then
        assertThat(reply.status()).isEqualTo(204);
        assertThat(client.get("/crm/v3/objects/contacts/" + id).status()).isEqualTo(404);
    }
}
