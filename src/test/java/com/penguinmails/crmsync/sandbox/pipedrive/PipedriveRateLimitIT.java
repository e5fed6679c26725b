package com.penguinmails.crmsync.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Burst limits per token per rolling 2 seconds, the search limit, the daily token budget and their headers. */
class PipedriveRateLimitIT {

    private PipedriveSandbox sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void everyAnswerCarriesTheRateLimitHeaders() {
        // given
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withSeedContacts(3));

        // when
        PipedriveHttp.Answer answer = PipedriveHttp.withApiToken(sandbox).get("/api/v2/persons/1");

        // then
        assertThat(answer.header("x-ratelimit-limit")).contains("40");
        assertThat(answer.header("x-ratelimit-remaining")).contains("39");
        assertThat(answer.header("x-ratelimit-reset")).contains("2");
        assertThat(answer.header("x-daily-requests-left")).contains(Long.toString(600_000 - 1));
    }

    @Test
    void theRequestAfterTheBurstLimitGets429UntilTheWindowRollsOn() {
        // given an Essential-plan API token: 20 requests per 2 seconds
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.FREE)
                .withSeedContacts(3));
        PipedriveHttp api = PipedriveHttp.withApiToken(sandbox);
        for (int i = 0; i < 20; i++) {
            assertThat(api.get("/api/v2/persons/1").status()).isEqualTo(200);
        }

        // when
        PipedriveHttp.Answer rejected = api.get("/api/v2/persons/1");

        // then
        assertThat(rejected.status()).isEqualTo(429);
        assertThat(rejected.json().get("success").asBoolean()).isFalse();
        assertThat(rejected.json().get("errorCode").asInt()).isEqualTo(429);
        assertThat(rejected.header("x-ratelimit-limit")).contains("20");
        assertThat(rejected.header("x-ratelimit-remaining")).contains("0");
        assertThat(rejected.header("retry-after")).isPresent();
        assertThat(sandbox.server().stats().rateLimitedCount()).isEqualTo(1);
        assertThat(rejected.header("x-daily-requests-left")).contains(Long.toString(30_000 - 20));

        // when the window rolls on
        sandbox.server().clock().advance(Duration.ofSeconds(2));

        // then
        assertThat(api.get("/api/v2/persons/1").status()).isEqualTo(200);
    }

    @Test
    void oauthTokensHaveTheirOwnHigherBurstLimit() {
        // given
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.FREE)
                .withSeedContacts(1));
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> oauth = (java.util.Map<String, Object>) sandbox.info().get("oauth");
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((oauth.get("clientId") + ":"
                + oauth.get("clientSecret")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String token = PipedriveHttp.anonymous(sandbox).postForm("/oauth/token", "grant_type=authorization_code&code="
                + oauth.get("authorizationCode") + "&redirect_uri=" + oauth.get("redirectUri"),
                java.util.Map.of("Authorization", basic)).json().get("access_token").asString();

        // when
        PipedriveHttp.Answer answer = PipedriveHttp.withBearer(sandbox, token).get("/api/v2/persons");

        // then
        assertThat(answer.header("x-ratelimit-limit")).contains("80");
    }

    @Test
    void searchHasItsOwnLimitOfTenPerTwoSeconds() {
        // given
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.ENTERPRISE)
                .withSeedContacts(3));
        PipedriveHttp api = PipedriveHttp.withApiToken(sandbox);
        for (int i = 0; i < 10; i++) {
            assertThat(api.get("/api/v2/persons/search?term=example").status()).isEqualTo(200);
        }

        // when
        PipedriveHttp.Answer rejected = api.get("/api/v2/persons/search?term=example");

        // then
        assertThat(rejected.status()).isEqualTo(429);
        assertThat(api.get("/api/v2/persons").status()).isEqualTo(200);
    }

    @Test
    void eachEndpointCostsItsDocumentedTokens() {
        // given
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.ENTERPRISE)
                .withSeedContacts(3));
        PipedriveHttp api = PipedriveHttp.withApiToken(sandbox);

        // when: get 1, list 10, add 5, update 5, delete 3, search 20, v1 merge 10, v1 fields 20
        api.get("/api/v2/persons/1");
        api.get("/api/v2/persons");
        api.post("/api/v2/persons", "{\"name\": \"New Person\"}");
        api.patch("/api/v2/persons/4", "{\"name\": \"Renamed Person\"}");
        api.delete("/api/v2/persons/4");
        api.get("/api/v2/persons/search?term=example");
        api.put("/api/v1/persons/2/merge", "{\"merge_with_id\": 3}");
        PipedriveHttp.Answer last = api.get("/api/v1/personFields");

        // then
        long used = 1 + 10 + 5 + 5 + 3 + 20 + 10 + 20;
        assertThat(last.header("x-daily-requests-left")).contains(Long.toString(1_200_000 - used));
        JsonNode stats = PipedriveHttp.anonymous(sandbox).get("/_sandbox/stats").json();
        assertThat(stats.get("apiBudget").get("tokensUsedToday").asLong()).isEqualTo(used);
    }

    @Test
    void theDailyTokenBudgetRunsOutAndComesBackAtMidnightUtc() {
        // given an Essential account with one seat: 30,000 tokens, of which other integrations used 29,990
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.FREE)
                .withSeedContacts(1));
        PipedriveHttp api = PipedriveHttp.withApiToken(sandbox);
        sandbox.spendDailyTokens(29_990);
        assertThat(api.get("/api/v2/persons").status()).isEqualTo(200);

        // when
        PipedriveHttp.Answer exhausted = api.get("/api/v2/persons/1");

        // then
        assertThat(exhausted.status()).isEqualTo(429);
        assertThat(exhausted.json().get("error").asString()).isEqualTo("daily request budget exceeded");
        assertThat(exhausted.json().get("errorCode").asInt()).isEqualTo(429);
        assertThat(exhausted.header("x-daily-requests-left")).contains("0");
        assertThat(Long.parseLong(exhausted.header("retry-after").orElseThrow())).isBetween(1L, 86_400L);
        JsonNode stats = PipedriveHttp.anonymous(sandbox).get("/_sandbox/stats").json();
        assertThat(stats.get("apiBudget").get("tokensUsedToday").asLong()).isEqualTo(30_000);
        assertThat(stats.get("rateLimited").asLong()).isEqualTo(1);

        // when the day ends
        sandbox.server().clock().advance(Duration.ofDays(1));

        // then
        assertThat(api.get("/api/v2/persons/1").status()).isEqualTo(200);
    }
}
