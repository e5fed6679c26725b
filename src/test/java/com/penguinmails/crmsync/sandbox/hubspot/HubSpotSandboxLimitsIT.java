package com.penguinmails.crmsync.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rate limits per plan, their headers and 429 bodies, and the control endpoints (faults, reset, stats). */
class HubSpotSandboxLimitsIT {

    @Test
    void responsesCarryTheRateLimitHeadersOfThePlan() {
        // given
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults()
                .withPlan(SandboxOptions.Plan.ENTERPRISE))) {

            // when
            HubSpotTestClient.Reply reply = new HubSpotTestClient(sandbox).get("/crm/v3/objects/contacts");

            // then
            assertThat(reply.header("X-HubSpot-RateLimit-Daily")).isEqualTo("1000000");
            assertThat(reply.header("X-HubSpot-RateLimit-Daily-Remaining")).isEqualTo("999999");
            assertThat(reply.header("X-HubSpot-RateLimit-Interval-Milliseconds")).isEqualTo("10000");
            assertThat(reply.header("X-HubSpot-RateLimit-Max")).isEqualTo("190");
            assertThat(reply.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("189");
        }
    }

    @Test
    void theRequestAfterTheTenSecondBurstGetsHubSpots429() {
        // given
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults()
                .withPlan(SandboxOptions.Plan.FREE))) {
            HubSpotTestClient client = new HubSpotTestClient(sandbox);
            for (int i = 0; i < 100; i++) {
                assertThat(client.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
            }

            // when
            HubSpotTestClient.Reply reply = client.get("/crm/v3/objects/contacts");

            // then
            assertThat(reply.status()).isEqualTo(429);
            assertThat(reply.json().path("status").asString()).isEqualTo("error");
            assertThat(reply.json().path("errorType").asString()).isEqualTo("RATE_LIMIT");
            assertThat(reply.json().path("policyName").asString()).isEqualTo("TEN_SECONDLY_ROLLING");
            assertThat(reply.json().has("correlationId")).isTrue();
            assertThat(reply.json().has("requestId")).isTrue();
            assertThat(reply.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("0");
            assertThat(sandbox.server().stats().rateLimitedCount()).isEqualTo(1);

            // and the window rolls on with the sandbox clock
            client.post("/_sandbox/clock", Map.of("advanceSeconds", 11));
            assertThat(client.get("/crm/v3/objects/contacts").status()).isEqualTo(200);
        }
    }

    @Test
    void searchHasItsOwnPerSecondLimitWithoutRateLimitHeaders() {
        // given
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults(),
                HubSpotSettings.defaults().withSearchRequestsPerSecond(2))) {
            HubSpotTestClient client = new HubSpotTestClient(sandbox);
            HubSpotTestClient.Reply first = client.post("/crm/v3/objects/contacts/search", Map.of());
            client.post("/crm/v3/objects/contacts/search", Map.of());

            // when
            HubSpotTestClient.Reply third = client.post("/crm/v3/objects/contacts/search", Map.of());

            // then
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("X-HubSpot-RateLimit-Remaining")).isNull();
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.json().path("policyName").asString()).isEqualTo("SECONDLY");
        }
    }

    @Test
    void injectedRateLimitFaultUsesHubSpotsBody() {
        // given
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults())) {
            HubSpotTestClient client = new HubSpotTestClient(sandbox);
            client.post("/_sandbox/faults", Map.of("faultRate", 1.0, "serverErrorWeight", 0, "rateLimitWeight", 1,
                    "connectionResetWeight", 0, "slowWeight", 0));

            // when
            HubSpotTestClient.Reply reply = client.get("/crm/v3/objects/contacts");

            // then
            assertThat(reply.status()).isEqualTo(429);
            assertThat(reply.json().path("errorType").asString()).isEqualTo("RATE_LIMIT");
            assertThat(sandbox.server().stats().faultsInjectedCount()).isEqualTo(1);
        }
    }

    @Test
    void resetRestoresTheSeededRecords() {
        // given
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(12))) {
            HubSpotTestClient client = new HubSpotTestClient(sandbox);
            String firstId = client.get("/crm/v3/objects/contacts?limit=1").json().path("results").get(0)
                    .path("id").asString();
            client.createContact("extra@reset.example", Map.of());
            client.delete("/crm/v3/objects/contacts/" + firstId);

            // when
            HubSpotTestClient.Reply reset = client.post("/_sandbox/reset", Map.of());

            // then
            assertThat(reset.status()).isEqualTo(200);
            assertThat(client.get("/crm/v3/objects/contacts?limit=100").json().path("results").size()).isEqualTo(12);
            assertThat(client.get("/crm/v3/objects/contacts/" + firstId).status()).isEqualTo(200);
            HubSpotTestClient.Reply stats = client.get("/_sandbox/stats");
            assertThat(stats.json().path("records").path("contacts").asLong()).isEqualTo(12);
        }
    }

    @Test
    void sameSeedGivesTheSameRecordsAndIds() {
        // given
        SandboxOptions options = SandboxOptions.defaults().withSeedContacts(8);
        try (HubSpotSandbox one = HubSpotSandbox.start(options); HubSpotSandbox two = HubSpotSandbox.start(options)) {

            // when
            List<String> first = emailsAndIds(one);
            List<String> second = emailsAndIds(two);

            // then
            assertThat(first).hasSize(8).isEqualTo(second);
            assertThat(first).allMatch(s -> s.matches("\\d+ [a-z0-9.-]+@[a-z0-9-]+\\.example"));
            assertThat(one.info().get("privateAppToken")).isEqualTo(two.info().get("privateAppToken"));
        }
    }

    private static List<String> emailsAndIds(HubSpotSandbox sandbox) {
        var results = new HubSpotTestClient(sandbox).get("/crm/v3/objects/contacts?limit=100").json().path("results");
        return results.valueStream().map(r -> r.path("id").asString() + " " + r.path("properties").path("email")
                .asString()).toList();
    }
}
