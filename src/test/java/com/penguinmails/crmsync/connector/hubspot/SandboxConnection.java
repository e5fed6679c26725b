package com.penguinmails.crmsync.connector.hubspot;

import com.penguinmails.crmsync.connector.support.AccessTokens;
import com.penguinmails.crmsync.connector.support.ApiExecutor;
import com.penguinmails.crmsync.connector.support.ApiGovernor;
import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.OAuthAccessTokens;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.credentials.Credential;
import com.penguinmails.crmsync.credentials.CredentialStore;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A HubSpot connector wired to a sandbox the way {@code Connectors} wires one in production (provider, governor,
 * executor, tokens), plus what the tests do to the sandbox behind the connector's back (archive, merge, count calls).
 */
final class SandboxConnection {

    private static final AtomicLong IDS = new AtomicLong(100);
    static final JsonMapper JSON = JsonMapper.builder().build();

    final HubSpotSandbox sandbox;
    final Connection connection;
    final ApiGovernor governor;
    final CrmConnector connector;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SandboxConnection(HubSpotSandbox sandbox, Map<String, String> settings, TokenSource tokens) {
        this.sandbox = sandbox;
        Map<String, String> all = new HashMap<>();
        all.put("baseUrl", baseUrl(sandbox));
        all.put("searchIndexLag", "PT0S");
        all.putAll(settings);
        this.connection = new Connection(IDS.incrementAndGet(), "acme", HubSpotConnectorProvider.KIND, null,
                Connection.Status.ACTIVE, null, all, Instant.now());
        ConnectionContext context = new ConnectionContext(connection);
        HubSpotConnectorProvider provider = new HubSpotConnectorProvider(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), sandbox.server().clock());
        this.governor = new ApiGovernor(context.name(), provider.rateLimits(context), Clock.systemUTC());
        AccessTokens accessTokens = tokens.open(context, provider);
        this.connector = provider.open(context, new ApiExecutor(context.name(), governor, accessTokens,
                ApiExecutor.defaultRetryPolicy()));
    }

    /** How a test authenticates. */
    @FunctionalInterface
    interface TokenSource {
        AccessTokens open(ConnectionContext context, HubSpotConnectorProvider provider);
    }

    static SandboxConnection privateApp(HubSpotSandbox sandbox) {
        return privateApp(sandbox, Map.of());
    }

    static SandboxConnection privateApp(HubSpotSandbox sandbox, Map<String, String> settings) {
        return new SandboxConnection(sandbox, settings, (context, provider) -> AccessTokens.fixed(
                (String) sandbox.info().get("privateAppToken"), context.name()));
    }

    static SandboxConnection withToken(HubSpotSandbox sandbox, String token) {
        return new SandboxConnection(sandbox, Map.of(), (context, provider) -> AccessTokens.fixed(token,
                context.name()));
    }

    /** OAuth with the sandbox app's refresh token and {@code accessToken} as the stored (possibly stale) token. */
    static SandboxConnection oauth(HubSpotSandbox sandbox, String accessToken, MemoryCredentials store) {
        return new SandboxConnection(sandbox, Map.of(), (context, provider) -> {
            Credential.OAuth initial = new Credential.OAuth(accessToken, (String) sandbox.info().get("refreshToken"),
                    Instant.now().plusSeconds(3600), null, (String) sandbox.info().get("clientId"),
                    (String) sandbox.info().get("clientSecret"), null);
            store.credential = initial;
            return new OAuthAccessTokens(context.connection().id(), context.name(), provider.oauthEndpoint(context),
                    store, Clock.systemUTC(), initial);
        });
    }

    /** A credential store in memory: the row lock is this object's monitor. */
    static final class MemoryCredentials extends CredentialStore {
        volatile Credential credential;
        final AtomicLong refreshes = new AtomicLong();

        @SuppressWarnings("NullAway")
        MemoryCredentials() {
            super(null, null, null);
        }

        @Override
        public synchronized Credential updateLocked(long connectionId, UnaryOperator<Credential> change) {
            Credential changed = change.apply(credential);
            if (!changed.equals(credential)) {
                refreshes.incrementAndGet();
                credential = changed;
            }
            return changed;
        }
    }

    static String baseUrl(HubSpotSandbox sandbox) {
        return (String) sandbox.info().get("baseUrl");
    }

    /** Requests the sandbox answered on a route, e.g. {@code POST /crm/v3/objects/{objectType}/batch/upsert}. */
    long calls(String route) {
        return sandbox.server().stats().requests(route);
    }

    long totalCalls() {
        return sandbox.server().stats().totalRequests();
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl(sandbox) + path)).GET());
    }

    JsonNode post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl(sandbox) + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    void archive(String type, String id) {
        send(HttpRequest.newBuilder(URI.create(baseUrl(sandbox) + "/crm/v3/objects/" + type + "/" + id)).DELETE());
    }

    void merge(String survivorId, String loserId) {
        post("/crm/v3/objects/contacts/merge", Map.of("primaryObjectId", survivorId, "objectIdToMerge", loserId));
    }

    /** Live records of a type, counted by the sandbox. */
    long liveRecords(String type) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(baseUrl(sandbox) + "/_sandbox/stats")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("records").path(type).asLong();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request
                    .header("Authorization", "Bearer " + sandbox.info().get("privateAppToken")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("sandbox answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
