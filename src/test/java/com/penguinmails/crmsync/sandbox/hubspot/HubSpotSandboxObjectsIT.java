package com.penguinmails.crmsync.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The basic CRM v3 object endpoints: shapes, paging, validation, uniqueness and archiving. */
class HubSpotSandboxObjectsIT {

    private static HubSpotSandbox sandbox;
    private static HubSpotTestClient client;

    @BeforeAll
    static void start() {
        sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(25));
        client = new HubSpotTestClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void createdContactHasHubSpotsObjectShape() {
        // when
        HubSpotTestClient.Reply reply = client.post("/crm/v3/objects/contacts", Map.of("properties",
                Map.of("email", "Shape.Test@Example.org", "firstname", "Shape", "penguinmails_lead_score", 42)));

        // then
        assertThat(reply.status()).isEqualTo(201);
        JsonNode json = reply.json();
        assertThat(json.path("id").asString()).matches("\\d+");
        assertThat(json.path("archived").asBoolean()).isFalse();
        assertThat(json.path("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonNode properties = json.path("properties");
        assertThat(properties.path("email").asString()).isEqualTo("shape.test@example.org");
        assertThat(properties.path("penguinmails_lead_score").isString()).isTrue();
        assertThat(properties.path("hs_object_id").asString()).isEqualTo(json.path("id").asString());
        assertThat(properties.path("lastmodifieddate").asString()).isEqualTo(json.path("updatedAt").asString());
    }

    @Test
    void secondContactWithTheSameEmailIsAConflict() {
        // given
        String id = client.createContact("dup@conflict.example", Map.of());

        // when
        HubSpotTestClient.Reply reply = client.post("/crm/v3/objects/contacts",
                Map.of("properties", Map.of("email", "DUP@conflict.example")));

        // then
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().path("category").asString()).isEqualTo("CONFLICT");
        assertThat(reply.json().path("message").asString()).isEqualTo("Contact already exists. Existing ID: " + id);
    }

    @Test
    void malformedEmailIsInvalidEmail() {
        // when
        HubSpotTestClient.Reply reply = client.post("/crm/v3/objects/contacts",
                Map.of("properties", Map.of("email", "not-an-email")));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("category").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(reply.json().path("message").asString()).startsWith("Property values were not valid: ")
                .contains("\"error\":\"INVALID_EMAIL\"").contains("\"name\":\"email\"");
    }

    @Test
    void unknownAndReadOnlyPropertiesAreRejectedTogether() {
        // when
        HubSpotTestClient.Reply reply = client.post("/crm/v3/objects/contacts", Map.of("properties",
                Map.of("email", "props@x.example", "favourite_colour", "blue", "hs_object_id", "5")));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("message").asString())
                .contains("\"error\":\"PROPERTY_DOESNT_EXIST\"").contains("Property \\\"favourite_colour\\\" does not exist")
                .contains("\"error\":\"READ_ONLY_VALUE\"");
    }

    @Test
    void wrongValueTypesAreRejectedPerPropertyType() {
        // when
        HubSpotTestClient.Reply number = client.post("/crm/v3/objects/contacts",
                Map.of("properties", Map.of("penguinmails_lead_score", "lots")));
        HubSpotTestClient.Reply option = client.post("/crm/v3/objects/contacts",
                Map.of("properties", Map.of("lifecyclestage", "hot")));
        HubSpotTestClient.Reply datetime = client.post("/crm/v3/objects/deals",
                Map.of("properties", Map.of("dealname", "x", "closedate", "next week")));

        // then
        assertThat(number.status()).isEqualTo(400);
        assertThat(option.json().path("message").asString()).contains("INVALID_OPTION");
        assertThat(datetime.json().path("message").asString()).contains("closedate");
    }

    @Test
    void engagementWithoutTimestampIsRefused() {
        // when
        HubSpotTestClient.Reply reply = client.post("/crm/v3/objects/emails",
                Map.of("properties", Map.of("hs_email_subject", "Hello")));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("message").asString())
                .isEqualTo("Error creating EMAIL. Some required properties were not set.");
        assertThat(reply.json().path("context").path("properties").get(0).asString()).isEqualTo("hs_timestamp");
    }

    @Test
    void unknownObjectTypeCannotBeInferred() {
        // when
        HubSpotTestClient.Reply reply = client.get("/crm/v3/objects/penguins");

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("message").asString()).isEqualTo("Unable to infer object type from: penguins");
    }

    @Test
    void listPagesThroughEveryContactWithTheAfterCursor() {
        // given
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String after = null;

        // when
        do {
            HubSpotTestClient.Reply page = client.get("/crm/v3/objects/contacts?limit=7&properties=email,phone"
                    + (after == null ? "" : "&after=" + after));
            assertThat(page.status()).isEqualTo(200);
            for (JsonNode result : page.json().path("results")) {
                seen.add(result.path("id").asString());
                order.add(result.path("id").asString());
                assertThat(result.path("properties").has("phone")).isTrue();
            }
            after = page.json().path("paging").path("next").path("after").asString(null);
        } while (after != null);

        // then
        assertThat(seen).hasSize(order.size()).hasSizeGreaterThanOrEqualTo(25);
        assertThat(order).isSortedAccordingTo((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
    }

    @Test
    void listLimitAboveOneHundredIsRefused() {
        // when
        HubSpotTestClient.Reply reply = client.get("/crm/v3/objects/contacts?limit=101");

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("category").asString()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void contactIsReadByEmailAndUpdatedWithAMonotonicModificationDate() {
        // given
        String id = client.createContact("read.me@x.example", Map.of("firstname", "Read"));
        HubSpotTestClient.Reply before = client.get("/crm/v3/objects/contacts/read.me@x.example?idProperty=email");

        // when
        HubSpotTestClient.Reply patched = client.patch("/crm/v3/objects/contacts/" + id,
                Map.of("properties", Map.of("firstname", "Updated")));

        // then
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.json().path("id").asString()).isEqualTo(id);
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("properties").path("firstname").asString()).isEqualTo("Updated");
        assertThat(Instant.parse(patched.json().path("updatedAt").asString()))
                .isAfter(Instant.parse(before.json().path("updatedAt").asString()));
    }

    @Test
    void unknownIdIsObjectNotFound() {
        // when
        HubSpotTestClient.Reply reply = client.get("/crm/v3/objects/contacts/999999999");

        // then
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("category").asString()).isEqualTo("OBJECT_NOT_FOUND");
    }

    @Test
    void archivedContactLeavesTheLiveListAndAppearsInTheArchivedList() {
        // given
        String id = client.createContact("archive.me@x.example", Map.of());

        // when
        HubSpotTestClient.Reply deleted = client.delete("/crm/v3/objects/contacts/" + id);

        // then
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(client.get("/crm/v3/objects/contacts/" + id).status()).isEqualTo(404);
        HubSpotTestClient.Reply archived = client.get("/crm/v3/objects/contacts?archived=true&limit=100");
        JsonNode match = null;
        for (JsonNode result : archived.json().path("results")) {
            if (result.path("id").asString().equals(id)) {
                match = result;
            }
        }
        assertThat(match).isNotNull();
        assertThat(match.path("archived").asBoolean()).isTrue();
        assertThat(match.path("archivedAt").asString()).isNotBlank();
        assertThat(client.createContact("archive.me@x.example", Map.of())).isNotEqualTo(id);
    }

    @Test
    void malformedJsonIsAValidationError() {
        // when
        HubSpotTestClient.Reply reply = client.postRaw("/crm/v3/objects/contacts", "application/json",
                "{\"properties\": {");

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("message").asString()).startsWith("Invalid input JSON on line 1");
    }
}
