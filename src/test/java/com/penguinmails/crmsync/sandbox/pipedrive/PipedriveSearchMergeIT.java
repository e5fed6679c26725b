package com.penguinmails.crmsync.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/v2/{persons|organizations|deals}/search} and the v1 person merge. */
class PipedriveSearchMergeIT {

    private PipedriveSandbox sandbox;
    private PipedriveHttp api;

    @BeforeEach
    void start() {
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.ENTERPRISE)
                .withSeedContacts(20));
        api = PipedriveHttp.withApiToken(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void exactEmailSearchFindsThePersonIgnoringCase() {
        // given
        String email = api.get("/api/v2/persons/4").json().get("data").get("emails").get(0).get("value").asString();

        // when
        JsonNode found = api.get("/api/v2/persons/search?fields=email&exact_match=true&term="
                + encode(email.toUpperCase(java.util.Locale.ROOT))).json();

        // then
        assertThat(found.get("success").asBoolean()).isTrue();
        JsonNode items = found.get("data").get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("result_score").asDouble()).isPositive();
        JsonNode item = items.get(0).get("item");
        assertThat(item.get("id").asLong()).isEqualTo(4);
        assertThat(item.get("type").asString()).isEqualTo("person");
        assertThat(item.get("emails").get(0).asString()).isEqualTo(email);
        assertThat(item.get("organization").get("id").asLong()).isPositive();
        assertThat(found.get("additional_data").get("next_cursor").isNull()).isTrue();
    }

    @Test
    void searchValidatesTermFieldsAndLimit() {
        assertThat(api.get("/api/v2/persons/search").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/persons/search?term=a").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/persons/search?term=a&exact_match=true").status()).isEqualTo(200);
        assertThat(api.get("/api/v2/persons/search?term=ab&fields=title").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/persons/search?term=ab&limit=101").status()).isEqualTo(400);
    }

    @Test
    void searchPagesWithACursor() {
        JsonNode first = api.get("/api/v2/persons/search?term=.example&fields=email&limit=15").json();
        assertThat(first.get("data").get("items")).hasSize(15);
        JsonNode second = api.get("/api/v2/persons/search?term=.example&fields=email&limit=15&cursor="
                + first.get("additional_data").get("next_cursor").asString()).json();
        assertThat(second.get("data").get("items")).hasSize(5);
    }

    @Test
    void organizationsAndDealsAreSearchable() {
        String org = api.get("/api/v2/organizations/1").json().get("data").get("name").asString();
        assertThat(api.get("/api/v2/organizations/search?term=" + encode(org)).json().get("data").get("items"))
                .anySatisfy(i -> assertThat(i.get("item").get("type").asString()).isEqualTo("organization"));
        api.post("/api/v2/deals", "{\"title\": \"Penguin rollout\", \"person_id\": 1}");
        JsonNode deals = api.get("/api/v2/deals/search?term=rollout").json().get("data").get("items");
        assertThat(deals).hasSize(1);
        assertThat(deals.get(0).get("item").get("title").asString()).isEqualTo("Penguin rollout");
        assertThat(deals.get(0).get("item").get("person").get("id").asLong()).isEqualTo(1);
    }

    @Test
    void searchFindsCustomFieldValues() {
        @SuppressWarnings("unchecked")
        String key = (String) ((Map<String, Object>) sandbox.info().get("customFields")).get("personPenguinMailsId");
        api.patch("/api/v2/persons/6", "{\"custom_fields\": {\"" + key + "\": \"pm-contact-777\"}}");
        JsonNode items = api.get("/api/v2/persons/search?fields=custom_fields&exact_match=true&term=pm-contact-777")
                .json().get("data").get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("item").get("id").asLong()).isEqualTo(6);
    }

    @Test
    void mergeKeepsTheSurvivorUnitesEmailsMovesActivitiesAndDeletesTheMergedPerson() {
        // given
        JsonNode loser = api.get("/api/v2/persons/7").json().get("data");
        long activity = api.post("/api/v2/activities", "{\"type\": \"email\", \"person_id\": 7}").json()
                .get("data").get("id").asLong();

        // when
        PipedriveHttp.Answer merged = api.put("/api/v1/persons/7/merge", "{\"merge_with_id\": 8}");

        // then
        assertThat(merged.status()).isEqualTo(200);
        JsonNode survivor = merged.json().get("data");
        assertThat(survivor.get("id").asLong()).isEqualTo(8);
        assertThat(survivor.get("merge_what_id").asLong()).isEqualTo(7);
        assertThat(survivor.get("add_time").asString()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        JsonNode after = api.get("/api/v2/persons/8").json().get("data");
        assertThat(after.get("emails")).extracting(e -> e.get("value").asString())
                .contains(loser.get("emails").get(0).get("value").asString());
        assertThat(after.get("emails")).filteredOn(e -> e.get("primary").asBoolean()).hasSize(1);
        assertThat(api.get("/api/v2/persons/7").json().get("data").get("is_deleted").asBoolean()).isTrue();
        assertThat(api.get("/api/v2/activities/" + activity).json().get("data").get("person_id").asLong())
                .isEqualTo(8);
    }

    @Test
    void mergeRefusesItselfMissingTargetsAndUnknownPersons() {
        assertThat(api.put("/api/v1/persons/7/merge", "{\"merge_with_id\": 7}").status()).isEqualTo(400);
        assertThat(api.put("/api/v1/persons/7/merge", "{}").status()).isEqualTo(400);
        assertThat(api.put("/api/v1/persons/7/merge", "{\"merge_with_id\": 999}").status()).isEqualTo(404);
        assertThat(api.put("/api/v1/persons/999/merge", "{\"merge_with_id\": 7}").status()).isEqualTo(404);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
