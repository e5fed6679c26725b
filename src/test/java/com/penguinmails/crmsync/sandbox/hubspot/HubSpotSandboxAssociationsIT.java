package com.penguinmails.crmsync.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Associations v4 and inline associations on engagement creation. */
class HubSpotSandboxAssociationsIT {

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

    private static String company(String name) {
        return client.post("/crm/v3/objects/companies", Map.of("properties", Map.of("name", name)))
                .json().path("id").asString();
    }

    @Test
    void contactToCompanyAssociationIsReadableFromBothSides() {
        // given
        String contact = client.createContact("assoc@assoc.example", Map.of());
        String company = company("Assoc Inc");

        // when
        HubSpotTestClient.Reply created = client.post("/crm/v4/associations/contacts/companies/batch/create",
                Map.of("inputs", List.of(Map.of("from", Map.of("id", contact), "to", Map.of("id", company),
                        "types", List.of(Map.of("associationCategory", "HUBSPOT_DEFINED",
                                "associationTypeId", 279))))));
        HubSpotTestClient.Reply reverse = client.post("/crm/v4/associations/companies/contacts/batch/read",
                Map.of("inputs", List.of(Map.of("id", company))));

        // then
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("results").get(0).path("toObjectId").asLong())
                .isEqualTo(Long.parseLong(company));
        JsonNode to = reverse.json().path("results").get(0).path("to").get(0);
        assertThat(to.path("toObjectId").asLong()).isEqualTo(Long.parseLong(contact));
        assertThat(to.path("associationTypes").get(0).path("typeId").asInt()).isEqualTo(280);
        assertThat(client.get("/crm/v3/objects/contacts/" + contact + "?associations=companies").json()
                .path("associations").path("companies").path("results").get(0).path("id").asString())
                .isEqualTo(company);
    }

    @Test
    void typeIdOfAnotherPairIsRefused() {
        // given
        String contact = client.createContact("wrongtype@assoc.example", Map.of());
        String company = company("Wrong Type Ltd");

        // when
        HubSpotTestClient.Reply reply = client.post("/crm/v4/associations/contacts/companies/batch/create",
                Map.of("inputs", List.of(Map.of("from", Map.of("id", contact), "to", Map.of("id", company),
                        "types", List.of(Map.of("associationCategory", "HUBSPOT_DEFINED",
                                "associationTypeId", 198))))));

        // then
        assertThat(reply.status()).isEqualTo(400);
    }

    @Test
    void defaultAssociationAndArchiveRoundTrip() {
        // given
        String contact = client.createContact("default@assoc.example", Map.of());
        String company = company("Default Co");

        // when
        HubSpotTestClient.Reply associated = client.post(
                "/crm/v4/associations/contacts/companies/batch/associate/default",
                Map.of("inputs", List.of(Map.of("from", Map.of("id", contact), "to", Map.of("id", company)))));
        HubSpotTestClient.Reply archived = client.post("/crm/v4/associations/contacts/companies/batch/archive",
                Map.of("inputs", List.of(Map.of("from", Map.of("id", contact), "to", List.of(Map.of("id",
                        company))))));
        HubSpotTestClient.Reply read = client.post("/crm/v4/associations/contacts/companies/batch/read",
                Map.of("inputs", List.of(Map.of("id", contact))));

        // then
        assertThat(associated.json().path("results").get(0).path("associationSpec").path("associationTypeId")
                .asInt()).isEqualTo(279);
        assertThat(archived.status()).isEqualTo(204);
        assertThat(read.status()).isEqualTo(207);
        assertThat(read.json().path("errors").get(0).path("subCategory").asString())
                .isEqualTo("crm.associations.NO_ASSOCIATIONS_FOUND");
    }

    @Test
    void emailEngagementIsCreatedWithAnInlineContactAssociation() {
        // given
        String contact = client.createContact("engaged@assoc.example", Map.of());

        // when
        HubSpotTestClient.Reply email = client.post("/crm/v3/objects/emails", Map.of(
                "properties", Map.of("hs_timestamp", "2026-01-15T10:00:00Z", "hs_email_direction", "EMAIL",
                        "hs_email_status", "SENT", "hs_email_subject", "Welcome"),
                "associations", List.of(Map.of("to", Map.of("id", contact), "types", List.of(Map.of(
                        "associationCategory", "HUBSPOT_DEFINED", "associationTypeId", 198))))));
        HubSpotTestClient.Reply missingTarget = client.post("/crm/v3/objects/emails", Map.of(
                "properties", Map.of("hs_timestamp", "1768471200000"),
                "associations", List.of(Map.of("to", Map.of("id", "999999"), "types", List.of(Map.of(
                        "associationCategory", "HUBSPOT_DEFINED", "associationTypeId", 198))))));

        // then
        assertThat(email.status()).isEqualTo(201);
        assertThat(email.json().path("properties").path("hs_timestamp").asString())
                .isEqualTo("2026-01-15T10:00:00.000Z");
        JsonNode linked = client.get("/crm/v4/objects/contacts/" + contact + "/associations/emails").json();
        assertThat(linked.path("results").get(0).path("toObjectId").asString())
                .isEqualTo(email.json().path("id").asString());
        assertThat(missingTarget.status()).isEqualTo(400);
    }
    private static String primaryCompany(String contact) {
        return client.get("/crm/v3/objects/contacts/" + contact + "?properties=associatedcompanyid").json()
                .path("properties").path("associatedcompanyid").asString("");
    }

    private static void associate(String contact, String company) {
        assertThat(client.post("/crm/v4/associations/contacts/companies/batch/associate/default",
                Map.of("inputs", List.of(Map.of("from", Map.of("id", contact), "to", Map.of("id", company)))))
                .status()).isLessThan(300);
    }

    @Test
    void aContactsPrimaryCompanyFollowsItsCompanyAssociationsAsAssociatedCompanyId() {
        // given
        String contact = client.createContact("primary@assoc.example", Map.of());
        String first = company("First Primary");
        String second = company("Second Primary");

        // when / then: the first company associated becomes primary and stays while it is associated
        associate(contact, first);
        assertThat(primaryCompany(contact)).isEqualTo(first);
        associate(contact, second);
        assertThat(primaryCompany(contact)).isEqualTo(first);

        // when / then: dissociated, the other company takes over; the last one archived, none is left
        assertThat(client.post("/crm/v4/associations/contacts/companies/batch/archive", Map.of("inputs",
                List.of(Map.of("from", Map.of("id", contact), "to", List.of(Map.of("id", first)))))).status())
                .isEqualTo(204);
        assertThat(primaryCompany(contact)).isEqualTo(second);
        assertThat(client.delete("/crm/v3/objects/companies/" + second).status()).isEqualTo(204);
        assertThat(primaryCompany(contact)).isEmpty();
    }
}
