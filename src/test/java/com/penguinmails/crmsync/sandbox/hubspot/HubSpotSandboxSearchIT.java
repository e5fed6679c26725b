package com.penguinmails.crmsync.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The search endpoint: filters and operators, sorts, paging, its limits and the indexing delay. */
class HubSpotSandboxSearchIT {

    private static HubSpotSandbox sandbox;
    private static HubSpotTestClient client;

    @BeforeAll
    static void start() {
        sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(40),
                HubSpotSettings.defaults().withSearchRequestsPerSecond(10_000));
        client = new HubSpotTestClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Map<String, Object> filter(String property, String operator, Object value) {
        return Map.of("propertyName", property, "operator", operator, "value", value);
    }

    private static HubSpotTestClient.Reply search(Map<String, Object> body) {
        return client.post("/crm/v3/objects/contacts/search", body);
    }

    @Test
    void equalityOnEmailFindsTheContactIgnoringCase() {
        // given
        String id = client.createContact("find.me@search.example", Map.of("firstname", "Findable"));

        // when
        HubSpotTestClient.Reply reply = search(Map.of("filterGroups", List.of(Map.of("filters",
                List.of(filter("email", "EQ", "FIND.ME@search.example")))), "properties", List.of("firstname")));

        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("total").asInt()).isEqualTo(1);
        JsonNode result = reply.json().path("results").get(0);
        assertThat(result.path("id").asString()).isEqualTo(id);
        assertThat(result.path("properties").path("firstname").asString()).isEqualTo("Findable");
        assertThat(result.path("properties").has("lastmodifieddate")).isTrue();
    }

    @Test
    void deltaQueryPagesByModificationDateInOrder() {
        // given
        Instant since = Instant.now().minus(Duration.ofDays(365));
        List<Instant> seen = new ArrayList<>();
        String after = null;
        int total = -1;

        // when
        do {
            Map<String, Object> body = new java.util.HashMap<>(Map.of(
                    "filterGroups", List.of(Map.of("filters", List.of(filter("lastmodifieddate", "GTE",
                            Long.toString(since.toEpochMilli()))))),
                    "sorts", List.of(Map.of("propertyName", "lastmodifieddate", "direction", "ASCENDING")),
                    "limit", 15));
            if (after != null) {
                body.put("after", after);
            }
            HubSpotTestClient.Reply page = search(body);
            total = page.json().path("total").asInt();
            page.json().path("results").forEach(r -> seen.add(Instant.parse(r.path("properties")
                    .path("lastmodifieddate").asString())));
            after = page.json().path("paging").path("next").path("after").asString(null);
        } while (after != null);

        // then
        assertThat(seen).hasSize(total).hasSizeGreaterThanOrEqualTo(40).isSorted();
    }

    @Test
    void orGroupsAndTheOtherOperatorsCombine() {
        // given
        client.createContact("ops.one@ops.example", Map.of("penguinmails_lead_score", "10", "lastname", "Opsone"));
        client.createContact("ops.two@ops.example", Map.of("penguinmails_lead_score", "90", "lastname", "Opstwo"));

        // when
        HubSpotTestClient.Reply between = search(Map.of("filterGroups", List.of(Map.of("filters", List.of(
                Map.of("propertyName", "penguinmails_lead_score", "operator", "BETWEEN", "value", "5",
                        "highValue", "20"),
                filter("email", "CONTAINS_TOKEN", "*@ops.example"))))));
        HubSpotTestClient.Reply either = search(Map.of("filterGroups", List.of(
                Map.of("filters", List.of(filter("lastname", "EQ", "Opsone"))),
                Map.of("filters", List.of(Map.of("propertyName", "lastname", "operator", "IN",
                        "values", List.of("opstwo"))))),
                "sorts", List.of("-penguinmails_lead_score")));
        HubSpotTestClient.Reply missing = search(Map.of("filterGroups", List.of(Map.of("filters", List.of(
                filter("email", "CONTAINS_TOKEN", "*@ops.example"),
                Map.of("propertyName", "phone", "operator", "NOT_HAS_PROPERTY"))))));

        // then
        assertThat(between.json().path("total").asInt()).isEqualTo(1);
        assertThat(either.json().path("total").asInt()).isEqualTo(2);
        assertThat(either.json().path("results").get(0).path("properties").path("email").asString())
                .isEqualTo("ops.two@ops.example");
        assertThat(missing.json().path("total").asInt()).isEqualTo(2);
    }

    @Test
    void freeTextQueryMatchesNamePrefixes() {
        // given
        client.createContact("zebedee@query.example", Map.of("firstname", "Zebedee", "lastname", "Quux"));

        // when
        HubSpotTestClient.Reply reply = search(Map.of("query", "zebed"));

        // then
        assertThat(reply.json().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void limitsAreEnforcedAsHubSpotDoes() {
        // when
        HubSpotTestClient.Reply tooMany = search(Map.of("limit", 201));
        HubSpotTestClient.Reply tooDeep = search(Map.of("after", "10000"));
        List<Map<String, Object>> groups = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            groups.add(Map.of("filters", List.of(filter("email", "HAS_PROPERTY", ""))));
        }
        HubSpotTestClient.Reply tooManyGroups = search(Map.of("filterGroups", groups));
        HubSpotTestClient.Reply unknownProperty = search(Map.of("filterGroups", List.of(Map.of("filters",
                List.of(filter("shoe_size", "EQ", "9"))))));

        // then
        assertThat(List.of(tooMany, tooDeep, tooManyGroups, unknownProperty)).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().path("category").asString()).isEqualTo("VALIDATION_ERROR");
        });
    }

    @Test
    void searchSeesWritesOnlyAfterTheIndexingDelay() {
        // given
        try (HubSpotSandbox lagging = HubSpotSandbox.start(SandboxOptions.defaults(),
                HubSpotSettings.defaults().withSearchIndexDelay(Duration.ofSeconds(5)))) {
            HubSpotTestClient own = new HubSpotTestClient(lagging);
            own.createContact("late@index.example", Map.of());
            Map<String, Object> byEmail = Map.of("filterGroups", List.of(Map.of("filters",
                    List.of(filter("email", "EQ", "late@index.example")))));

            // when
            int before = own.post("/crm/v3/objects/contacts/search", byEmail).json().path("total").asInt();
            own.post("/_sandbox/clock", Map.of("advanceSeconds", 6));
            int after = own.post("/crm/v3/objects/contacts/search", byEmail).json().path("total").asInt();

            // then
            assertThat(before).isZero();
            assertThat(after).isEqualTo(1);
        }
    }
}
