package com.penguinmails.crmsync.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Contact merge, GDPR delete and communication preferences. */
class HubSpotSandboxContactsIT {

    private static HubSpotSandbox sandbox;
    private static HubSpotTestClient client;

    @BeforeAll
    static void start() {
        sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(5));
        client = new HubSpotTestClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void mergedContactBecomesAnAliasOfThePrimaryAndAnArchivedRecord() {
        // given
        String primary = client.createContact("primary@merge.example", Map.of("firstname", "Prim"));
        String loser = client.createContact("loser@merge.example", Map.of("jobtitle", "Merged Title"));

        // when
        HubSpotTestClient.Reply merged = client.post("/crm/v3/objects/contacts/merge",
                Map.of("primaryObjectId", primary, "objectIdToMerge", loser));

        // then
        assertThat(merged.status()).isEqualTo(200);
        assertThat(merged.json().path("id").asString()).isEqualTo(primary);
        JsonNode viaOldId = client.get("/crm/v3/objects/contacts/" + loser
                + "?properties=hs_merged_object_ids,jobtitle,hs_additional_emails").json();
        assertThat(viaOldId.path("id").asString()).isEqualTo(primary);
        assertThat(viaOldId.path("properties").path("hs_merged_object_ids").asString()).isEqualTo(loser);
        assertThat(viaOldId.path("properties").path("jobtitle").asString()).isEqualTo("Merged Title");
        assertThat(viaOldId.path("properties").path("hs_additional_emails").asString())
                .isEqualTo("loser@merge.example");
        boolean archivedLoser = client.get("/crm/v3/objects/contacts?archived=true&limit=100").json().path("results")
                .valueStream().anyMatch(r -> r.path("id").asString().equals(loser));
        assertThat(archivedLoser).isTrue();
        assertThat(client.post("/crm/v3/objects/contacts", Map.of("properties",
                Map.of("email", "loser@merge.example"))).status()).isEqualTo(409);
    }

    @Test
    void mergingAContactWithItselfIsRefused() {
        // given
        String id = client.createContact("self@merge.example", Map.of());

        // when
        HubSpotTestClient.Reply reply = client.post("/crm/v3/objects/contacts/merge",
                Map.of("primaryObjectId", id, "objectIdToMerge", id));

        // then
        assertThat(reply.status()).isEqualTo(400);
    }

    @Test
    void gdprDeleteLeavesNoArchivedTrace() {
        // given
        String id = client.createContact("forget.me@gdpr.example", Map.of());

        // when
        HubSpotTestClient.Reply reply = client.post("/crm/v3/objects/contacts/gdpr-delete",
                Map.of("objectId", "forget.me@gdpr.example", "idProperty", "email"));

        // then
        assertThat(reply.status()).isEqualTo(204);
        assertThat(client.get("/crm/v3/objects/contacts/" + id).status()).isEqualTo(404);
        boolean archived = client.get("/crm/v3/objects/contacts?archived=true&limit=100").json().path("results")
                .valueStream().anyMatch(r -> r.path("id").asString().equals(id));
        assertThat(archived).isFalse();
    }

    @Test
    void unsubscribeIsRecordedWithItsLegalBasisAndShownOnTheContact() {
        // given
        String subscriptionId = (String) sandbox.info().get("marketingSubscriptionId");
        String email = client.get("/crm/v3/objects/contacts?limit=1").json().path("results").get(0)
                .path("properties").path("email").asString();
        JsonNode before = client.get("/communication-preferences/v3/status/email/" + email).json();
        Map<String, Object> unsubscribe = Map.of("emailAddress", email, "subscriptionId", subscriptionId,
                "legalBasis", "LEGITIMATE_INTEREST_CLIENT", "legalBasisExplanation", "Asked us to stop");

        // when
        HubSpotTestClient.Reply reply = client.post("/communication-preferences/v3/unsubscribe", unsubscribe);
        HubSpotTestClient.Reply again = client.post("/communication-preferences/v3/unsubscribe", unsubscribe);

        // then
        assertThat(before.path("subscriptionStatuses").get(0).path("status").asString()).isEqualTo("SUBSCRIBED");
        assertThat(before.path("subscriptionStatuses").get(0).path("name").asString())
                .isEqualTo("Marketing Information");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("status").asString()).isEqualTo("NOT_SUBSCRIBED");
        assertThat(reply.json().path("legalBasis").asString()).isEqualTo("LEGITIMATE_INTEREST_CLIENT");
        assertThat(again.status()).isEqualTo(400);
        JsonNode contact = client.get("/crm/v3/objects/contacts/" + email + "?idProperty=email&properties="
                + "hs_email_optout_" + subscriptionId).json();
        assertThat(contact.path("properties").path("hs_email_optout_" + subscriptionId).asString()).isEqualTo("true");
    }

    @Test
    void unknownSubscriptionAndLegalBasisAreRefused() {
        // when
        HubSpotTestClient.Reply unknownSubscription = client.post("/communication-preferences/v3/unsubscribe",
                Map.of("emailAddress", "a@b.example", "subscriptionId", "1"));
        HubSpotTestClient.Reply badBasis = client.post("/communication-preferences/v3/unsubscribe",
                Map.of("emailAddress", "a@b.example", "subscriptionId", sandbox.info().get("marketingSubscriptionId"),
                        "legalBasis", "BECAUSE"));

        // then
        assertThat(unknownSubscription.status()).isEqualTo(404);
        assertThat(badBasis.status()).isEqualTo(400);
        assertThat(List.of(unknownSubscription, badBasis)).allSatisfy(r ->
                assertThat(r.json().path("status").asString()).isEqualTo("error"));
    }
}
