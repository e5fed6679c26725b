package com.penguinmails.crmsync.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Properties API and how custom properties take part in writes. */
class HubSpotSandboxPropertiesIT {

    private static HubSpotSandbox sandbox;
    private static HubSpotTestClient client;

    @BeforeAll
    static void start() {
        sandbox = HubSpotSandbox.start(SandboxOptions.defaults());
        client = new HubSpotTestClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void contactPropertiesIncludeTheStandardOnesAndTheLeadScore() {
        // when
        HubSpotTestClient.Reply reply = client.get("/crm/v3/properties/contacts");

        // then
        assertThat(reply.status()).isEqualTo(200);
        List<String> names = reply.json().path("results").valueStream().map(p -> p.path("name").asString()).toList();
        assertThat(names).contains("email", "firstname", "lastname", "phone", "jobtitle", "company", "lifecyclestage",
                "hs_email_optout", "lastmodifieddate", "penguinmails_lead_score");
        JsonNode score = client.get("/crm/v3/properties/contacts/penguinmails_lead_score").json();
        assertThat(score.path("type").asString()).isEqualTo("number");
        assertThat(score.path("fieldType").asString()).isEqualTo("number");
        assertThat(score.path("groupName").asString()).isEqualTo("contactinformation");
    }

    @Test
    void createdCustomPropertyCanBeWrittenAndDuplicatesConflict() {
        // given
        Map<String, Object> property = Map.of("name", "pm_segment", "label", "Segment", "type", "enumeration",
                "fieldType", "select", "groupName", "contactinformation",
                "options", List.of(Map.of("label", "Gold", "value", "gold"), Map.of("label", "Silver",
                        "value", "silver")));

        // when
        HubSpotTestClient.Reply created = client.post("/crm/v3/properties/contacts", property);
        HubSpotTestClient.Reply again = client.post("/crm/v3/properties/contacts", property);
        HubSpotTestClient.Reply good = client.post("/crm/v3/objects/contacts",
                Map.of("properties", Map.of("pm_segment", "gold")));
        HubSpotTestClient.Reply bad = client.post("/crm/v3/objects/contacts",
                Map.of("properties", Map.of("pm_segment", "bronze")));

        // then
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("options").size()).isEqualTo(2);
        assertThat(again.status()).isEqualTo(409);
        assertThat(good.status()).isEqualTo(201);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("message").asString()).contains("INVALID_OPTION");
    }

    @Test
    void propertyWithAFieldTypeThatDoesNotFitItsTypeIsRefused() {
        // when
        HubSpotTestClient.Reply reply = client.post("/crm/v3/properties/contacts", Map.of("name", "pm_bad",
                "label", "Bad", "type", "number", "fieldType", "select", "groupName", "contactinformation"));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("category").asString()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void uniqueCustomPropertyWorksAsUpsertKey() {
        // given
        client.post("/crm/v3/properties/companies", Map.of("name", "pm_external_id", "label", "External id",
                "type", "string", "fieldType", "text", "groupName", "companyinformation", "hasUniqueValue", true));

        // when
        HubSpotTestClient.Reply first = client.post("/crm/v3/objects/companies/batch/upsert", Map.of("inputs",
                List.of(Map.of("id", "ext-1", "idProperty", "pm_external_id", "properties", Map.of("name", "One")))));
        HubSpotTestClient.Reply second = client.post("/crm/v3/objects/companies/batch/upsert", Map.of("inputs",
                List.of(Map.of("id", "ext-1", "idProperty", "pm_external_id", "properties", Map.of("name", "Uno")))));

        // then
        assertThat(first.json().path("results").get(0).path("new").asBoolean()).isTrue();
        assertThat(second.json().path("results").get(0).path("new").asBoolean()).isFalse();
        assertThat(second.json().path("results").get(0).path("id").asString())
                .isEqualTo(first.json().path("results").get(0).path("id").asString());
    }
}
