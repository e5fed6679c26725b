package com.penguinmails.crmsync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.cli.SandboxTenants;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.sandbox.CrmSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the job ITs share: their database and keyset, tenants, connecting them to sandboxes, calling a sandbox. */
public final class SandboxConnections {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SandboxConnections() {
    }

    /** A database of its own for the test class, and a keyset generated in a fresh directory. */
    public static void register(DynamicPropertyRegistry registry, String database) throws IOException {
        TestDatabase.register(registry, database);
        registry.add("crmsync.credentials.keyset-file",
                Files.createTempDirectory(database).resolve("keyset.json")::toString);
        registry.add("crmsync.credentials.generate-missing", () -> "true");
    }

    /**
     * Connects the tenant to a sandbox as {@code account}, with the settings and credentials the sandbox names plus
     * {@code settings} (which win); the connection id.
     */
    public static long connect(ConnectionRegistry registry, String tenant, String account, CrmSandbox sandbox,
                               Map<String, String> settings) {
        return SandboxTenants.connect(registry, tenant, account, sandbox, settings);
    }

    /** Inserts a tenant of PenguinMails. */
    public static void tenant(JdbcClient jdbc, String id, String name) {
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES (:id, :name)").param("id", id)
                .param("name", name).update();
    }

    /**
     * One JSON API call to a sandbox with one authentication header ({@code Authorization: Bearer ...},
     * {@code x-api-token: ...}); fails the test on an error status; the answer's JSON (empty for no body).
     */
    public static JsonNode call(String method, String url, String authHeader, String authValue, @Nullable String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header(authHeader, authValue)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, URI.create(url).getPath(), response.body())
                .isLessThan(300);
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
