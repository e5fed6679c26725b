package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.serve.api.ApiProperties;
import com.penguinmails.crmsync.serve.api.SharedSecretTokens;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's last table: each demo connection's sync health as a tenant's admin reads it, asked of the running
 * service's API ({@code GET /api/v1/connections}) with an operator token signed by the demo service's one-off secret.
 */
final class DemoSyncHealth {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final String secret;

    DemoSyncHealth(URI base, String secret) {
        this.base = base;
        this.secret = secret;
    }

    /** Prints the health of {@code connectionIds}; a refusal or an unreachable service is one line. */
    void print(PrintWriter out, Collection<Long> connectionIds) {
        String token = SharedSecretTokens.mint(secret, "demo", null, true, Duration.ofMinutes(5),
                new ApiProperties(secret, null, null, "tenant", "crm-sync:operator"));
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/v1/connections"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            out.println("sync health: the service did not answer: " + e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (answer.statusCode() != 200) {
            out.println("sync health: GET /api/v1/connections answered HTTP " + answer.statusCode());
            return;
        }
        out.println();
        out.println("Sync health, as a tenant's admin sees it (GET " + base.resolve("/api/v1/connections") + "):");
        Table table = new Table("CONNECTION", "TENANT", "CRM", "HEALTH", "LAST SYNC", "NEXT SYNC", "IN 24H", "OUT 24H",
                "ERRORS", "WARNINGS", "API CALLS");
        for (JsonNode connection : JSON.readTree(answer.body())) {
            if (!connectionIds.contains(connection.path("id").asLong())) {
                continue;
            }
            table.row(connection.path("id").asLong(), connection.path("tenantId").asString(),
                    connection.path("crm").asString(), connection.path("health").asString(),
                    text(connection.path("lastSuccessfulSync")), text(connection.path("nextSync")),
                    connection.path("recordsIn").asLong(), connection.path("recordsOut").asLong(),
                    connection.path("openErrors").asLong(), connection.path("openWarnings").asLong(),
                    connection.path("apiUsage").path("callsToday").asLong());
        }
        table.print(out);
    }

    private static String text(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? "-" : value.asString();
    }
}
