package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code crm-sync sandbox} serves the three CRMs from the packaged jar and describes them in its info file. */
class SandboxCommandIT {

    @Test
    void theSandboxCommandServesAllThreeCrmsAndWritesTheirInfoFile(@TempDir Path dir) throws Exception {
        // given
        Path info = dir.resolve("sandboxes.json");
        Path jar = Path.of(System.getProperty("crmsync.jar", "target/crm-sync.jar"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "sandbox", "--seed-contacts", "12", "--info-file", info.toString(),
                "--hubspot-webhook-url", "http://127.0.0.1:9/webhooks/hubspot")
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            // when
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!(Files.exists(info) && Files.size(info) > 0) && System.nanoTime() < deadline) {
                assertThat(child.isAlive()).isTrue();
                Thread.sleep(100);
            }

            // then
            JsonNode json = JsonMapper.builder().build().readTree(Files.readString(info));
            assertThat(json.get("salesforce").get("apiVersion").asString()).isEqualTo("64.0");
            assertThat(json.get("salesforce").get("refreshToken").asString()).isNotBlank();
            for (String crm : List.of("salesforce", "hubspot", "pipedrive")) {
                for (String key : List.of("clientId", "clientSecret", "refreshToken")) {
                    assertThat(json.get(crm).get(key)).as("%s.%s", crm, key).isNotNull();
                }
            }
            assertThat(json.get("salesforce").get("accessToken").asString()).isNotBlank();
            assertThat(json.get("hubspot").get("accessToken").asString()).isNotBlank();
            assertThat(json.get("pipedrive").get("apiToken").asString()).isNotBlank();
            assertThat(json.get("hubspot").get("webhooks").get("targetUrl").asString())
                    .isEqualTo("http://127.0.0.1:9/webhooks/hubspot");
            assertThat(json.get("hubspot").get("webhooks").get("clientSecret").asString())
                    .isEqualTo(json.get("hubspot").get("clientSecret").asString());
            assertThat(json.get("pipedrive").get("baseUrl").asString()).endsWith("/api/v2");
            HttpClient http = HttpClient.newHttpClient();
            for (String base : List.of(json.get("salesforce").get("instanceUrl").asString(),
                    json.get("hubspot").get("baseUrl").asString(), json.get("pipedrive").get("apiDomain").asString())) {
                HttpResponse<String> stats = http.send(HttpRequest.newBuilder(URI.create(base + "/_sandbox/stats"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(stats.statusCode()).isEqualTo(200);
                assertThat(stats.body()).contains("\"records\"");
            }
        } finally {
            // an operator's Ctrl-C
            child.destroy();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void badSandboxOptionsAreRefusedBeforeAnythingStarts() {
        for (String[] args : List.of(new String[] {"sandbox", "--fault-rate", "1.5"},
                new String[] {"sandbox", "--plan", "gold"}, new String[] {"sandbox", "--port-base", "-1"},
                new String[] {"sandbox", "--token-ttl-s", "0"},
                new String[] {"sandbox", "--hubspot-webhook-url", "ftp://example.com/x"})) {
            StringWriter err = new StringWriter();
            int code = CrmSyncCli.execute(args, Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err));
            assertThat(code).as(String.join(" ", args)).isEqualTo(ExitCodes.BAD_REQUEST);
            assertThat(err.toString()).contains(args[1]);
        }
    }
}
