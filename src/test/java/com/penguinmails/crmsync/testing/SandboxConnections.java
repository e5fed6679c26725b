package com.penguinmails.crmsync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.credentials.Credential;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.pipedrive.PipedriveSandbox;
import com.penguinmails.crmsync.sandbox.salesforce.SalesforceSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the job ITs share: their database and keyset, connecting tenants to sandboxes, calling HubSpot. */
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

    /** Connects the tenant to the HubSpot sandbox with its private app token; no search lag (it indexes at once). */
    public static long hubSpot(ConnectionRegistry registry, String tenant, String account, HubSpotSandbox sandbox) {
        return hubSpot(registry, tenant, account, sandbox, Map.of());
    }

    /** As {@link #hubSpot(ConnectionRegistry, String, String, HubSpotSandbox)}, with more connection settings. */
    public static long hubSpot(ConnectionRegistry registry, String tenant, String account, HubSpotSandbox sandbox,
                               Map<String, String> settings) {
        return registry.connect(tenant, HubSpotConnectorProvider.KIND, account,
                with(settings, Map.of("baseUrl", sandbox.info().get("baseUrl").toString(), "searchIndexLag", "PT0S")),
                new Credential.ApiToken(sandbox.info().get("privateAppToken").toString()));
    }

    private static Map<String, String> with(Map<String, String> settings, Map<String, String> base) {
        Map<String, String> all = new java.util.HashMap<>(base);
        all.putAll(settings);
        return all;
    }

    /** Connects the tenant to the Salesforce sandbox by OAuth. */
    public static long salesforce(ConnectionRegistry registry, String tenant, SalesforceSandbox sandbox) {
        return salesforce(registry, tenant, sandbox, Map.of());
    }

    /** As {@link #salesforce(ConnectionRegistry, String, SalesforceSandbox)}, with more connection settings. */
    public static long salesforce(ConnectionRegistry registry, String tenant, SalesforceSandbox sandbox,
                                  Map<String, String> settings) {
        Map<String, Object> sf = sandbox.info();
        return registry.connect(tenant, SalesforceConnectorProvider.KIND, sf.get("organizationId").toString(),
                with(settings, Map.of("baseUrl", sf.get("instanceUrl").toString())),
                new Credential.OAuth("", sf.get("refreshToken").toString(), null, null, sf.get("clientId").toString(),
                        sf.get("clientSecret").toString(), null));
    }

    /** Connects the tenant to the Pipedrive sandbox with its API token. */
    public static long pipedrive(ConnectionRegistry registry, String tenant, String account, PipedriveSandbox sandbox) {
        return pipedrive(registry, tenant, account, sandbox, Map.of());
    }

    /** As {@link #pipedrive(ConnectionRegistry, String, String, PipedriveSandbox)}, with more connection settings. */
    public static long pipedrive(ConnectionRegistry registry, String tenant, String account, PipedriveSandbox sandbox,
                                 Map<String, String> settings) {
        Map<String, Object> pd = sandbox.info();
        return registry.connect(tenant, PipedriveConnectorProvider.KIND, account,
                with(settings, Map.of("baseUrl", pd.get("apiDomain").toString())), new Credential.ApiToken(pd.get("apiToken").toString()));
    }

    /** One HubSpot API call with the private app token; fails the test on an error status; the answer's JSON. */
    public static JsonNode hubSpotCall(HubSpotSandbox sandbox, String method, String path, String body) throws Exception {
        return call(method, sandbox.info().get("baseUrl") + path, "Authorization",
                "Bearer " + sandbox.info().get("privateAppToken"), body);
    }

    /**
     * One JSON API call to a sandbox with one authentication header ({@code Authorization: Bearer ...},
     * {@code x-api-token: ...}); fails the test on an error status; the answer's JSON (empty for no body).
     */
    public static JsonNode call(String method, String url, String authHeader, String authValue, String body)
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
