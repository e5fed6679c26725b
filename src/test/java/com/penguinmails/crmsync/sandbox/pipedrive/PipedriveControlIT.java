package com.penguinmails.crmsync.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Seeding, {@code info()}, and the shared control endpoints: stats, reset, faults. */
class PipedriveControlIT {

    @Test
    void theSameSeedGivesTheSameRecordsIdsAndFieldKeys() {
        try (PipedriveSandbox one = PipedriveSandbox.start(SandboxOptions.defaults().withSeedContacts(40));
             PipedriveSandbox two = PipedriveSandbox.start(SandboxOptions.defaults().withSeedContacts(40))) {
            JsonNode a = PipedriveHttp.withApiToken(one).get("/api/v2/persons?limit=500").json().get("data");
            JsonNode b = PipedriveHttp.withApiToken(two).get("/api/v2/persons?limit=500").json().get("data");
            assertThat(a).hasSize(40);
            for (int i = 0; i < a.size(); i++) {
                assertThat(a.get(i).get("id")).isEqualTo(b.get(i).get("id"));
                assertThat(a.get(i).get("name")).isEqualTo(b.get(i).get("name"));
                assertThat(a.get(i).get("emails")).isEqualTo(b.get(i).get("emails"));
                assertThat(a.get(i).get("custom_fields")).isEqualTo(b.get(i).get("custom_fields"));
            }
            assertThat(one.info().get("customFields")).isEqualTo(two.info().get("customFields"));
            assertThat(a.get(0).get("emails").get(0).get("value").asString()).endsWith(".example");
        }
    }

    @Test
    void infoTellsAClientEverythingItNeeds() {
        try (PipedriveSandbox sandbox = PipedriveSandbox.start(SandboxOptions.defaults())) {
            Map<String, Object> info = sandbox.info();
            assertThat(info).containsKeys("baseUrl", "apiV2Url", "apiV1Url", "apiToken", "oauth", "dailyTokenBudget",
                    "customFields", "controlUrl");
            assertThat((String) info.get("apiV2Url")).endsWith("/api/v2");
            assertThat(info.get("dailyTokenBudget")).isEqualTo(600_000L);
            assertThat(SandboxResponseJson.write(info)).contains("clientSecret");
        }
    }

    @Test
    void statsCountRecordsAndBudgetAndResetReseeds() {
        try (PipedriveSandbox sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withSeedContacts(20))) {
            // given
            PipedriveHttp api = PipedriveHttp.withApiToken(sandbox);
            api.post("/api/v2/persons", "{\"name\": \"Extra Person\"}");
            api.delete("/api/v2/persons/1");

            // when
            JsonNode before = PipedriveHttp.anonymous(sandbox).get("/_sandbox/stats").json();
            PipedriveHttp.anonymous(sandbox).post("/_sandbox/reset", "");
            JsonNode after = PipedriveHttp.anonymous(sandbox).get("/_sandbox/stats").json();

            // then
            assertThat(before.get("records").get("persons").asLong()).isEqualTo(20);
            assertThat(before.get("records").get("organizations").asLong()).isEqualTo(4);
            assertThat(before.get("records").get("deals").asLong()).isEqualTo(5);
            assertThat(before.get("records").get("activities").asLong()).isEqualTo(10);
            assertThat(before.get("apiBudget").get("tokensUsedToday").asLong()).isEqualTo(5 + 3);
            assertThat(after.get("records").get("persons").asLong()).isEqualTo(20);
            assertThat(after.get("apiBudget").get("tokensUsedToday").asLong()).isZero();
            assertThat(api.get("/api/v2/persons/1").json().get("data").get("is_deleted").asBoolean()).isFalse();
            assertThat(api.get("/api/v2/persons/21").status()).isEqualTo(404);
        }
    }

    @Test
    void injectedFaultsAnswerInPipedrivesShape() {
        try (PipedriveSandbox sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withSeedContacts(1))) {
            // given
            PipedriveHttp.anonymous(sandbox).post("/_sandbox/faults",
                    "{\"faultRate\": 1.0, \"serverErrorWeight\": 1, \"rateLimitWeight\": 0, "
                            + "\"connectionResetWeight\": 0, \"slowWeight\": 0}");

            // when
            PipedriveHttp.Answer failed = PipedriveHttp.withApiToken(sandbox).get("/api/v2/persons");

            // then
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.json().get("success").asBoolean()).isFalse();
            assertThat(sandbox.server().stats().faultsInjectedCount()).isEqualTo(1);

            // when injected 429s
            PipedriveHttp.anonymous(sandbox).post("/_sandbox/faults",
                    "{\"serverErrorWeight\": 0, \"rateLimitWeight\": 1}");
            PipedriveHttp.Answer limited = PipedriveHttp.withApiToken(sandbox).get("/api/v2/persons");

            // then
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.json().get("errorCode").asInt()).isEqualTo(429);
            assertThat(limited.header("retry-after")).isPresent();
        }
    }

    @Test
    void aCreateCanBeAppliedAndItsAnswerLostOrSentAfterTheClientGaveUp() throws Exception {
        try (PipedriveSandbox sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withSeedContacts(0))) {
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            java.util.function.Function<String, java.net.http.HttpRequest> add = name -> java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create(sandbox.info().get("apiDomain") + "/api/v2/persons"))
                    .timeout(java.time.Duration.ofMillis(300)).header("x-api-token", sandbox.info().get("apiToken")
                            .toString()).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\"}")).build();

            // when: every answer is lost after the request was applied
            PipedriveHttp.anonymous(sandbox).post("/_sandbox/faults", "{\"faultRate\": 1.0, \"serverErrorWeight\": 0, "
                    + "\"rateLimitWeight\": 0, \"connectionResetWeight\": 0, \"appliedThenLostWeight\": 1}");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.send(add.apply("Lost Answer"),
                    java.net.http.HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
            // and every answer comes 1 s late, after the client's 300 ms timeout
            PipedriveHttp.anonymous(sandbox).post("/_sandbox/faults", "{\"appliedThenLostWeight\": 0, "
                    + "\"appliedThenLateWeight\": 1, \"slowDelayMs\": 1000}");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.send(add.apply("Late Answer"),
                    java.net.http.HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.net.http.HttpTimeoutException.class);

            // then: both persons exist, once each, and the stats say which route it struck
            PipedriveHttp.anonymous(sandbox).post("/_sandbox/faults", "{\"faultRate\": 0}");
            JsonNode persons = PipedriveHttp.withApiToken(sandbox).get("/api/v2/persons?limit=500").json().get("data");
            assertThat(persons.valueStream().map(p -> p.get("name").asString()).toList())
                    .containsExactly("Lost Answer", "Late Answer");
            assertThat(sandbox.server().stats().appliedUnanswered("POST /api/v2/persons")).isEqualTo(2);
        }
    }

    /** Serialises info() as the sandbox CLI would print it. */
    private static final class SandboxResponseJson {
        static String write(Object value) {
            return com.penguinmails.crmsync.sandbox.support.SandboxResponse.jsonMapper().writeValueAsString(value);
        }
    }
}
