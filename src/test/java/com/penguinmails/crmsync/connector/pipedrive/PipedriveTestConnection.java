package com.penguinmails.crmsync.connector.pipedrive;

import com.penguinmails.crmsync.connector.support.AccessTokens;
import com.penguinmails.crmsync.connector.support.ApiExecutor;
import com.penguinmails.crmsync.connector.support.ApiGovernor;
import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.OAuthAccessTokens;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.credentials.Credential;
import com.penguinmails.crmsync.credentials.CredentialStore;
import com.penguinmails.crmsync.sandbox.pipedrive.PipedriveSandbox;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.springframework.core.retry.RetryPolicy;
import tools.jackson.databind.JsonNode;

/**
 * Opens a {@link PipedriveConnector} on a sandbox the way {@code Connectors} does (provider, governor, executor),
 * with the API token or with OAuth tokens kept in memory, and gives tests a bare HTTP view of the sandbox to arrange
 * and check data behind the connector's back.
 */
final class PipedriveTestConnection {

    /** Test retries: fast, still bounded. */
    static final RetryPolicy FAST_RETRIES = RetryPolicy.builder().maxRetries(8).delay(Duration.ofMillis(20))
            .multiplier(2).maxDelay(Duration.ofMillis(500)).includes(
                    com.penguinmails.crmsync.connector.support.CrmApiException.Transient.class).build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final PipedriveSandbox sandbox;
    final PipedriveConnector connector;
    final ApiGovernor governor;

    private PipedriveTestConnection(PipedriveSandbox sandbox, PipedriveConnector connector, ApiGovernor governor) {
        this.sandbox = sandbox;
        this.connector = connector;
        this.governor = governor;
    }

    /** A connection with the company's API token; {@code settings} add to {@code baseUrl}. */
    static PipedriveTestConnection apiToken(PipedriveSandbox sandbox, Map<String, String> settings) {
        return open(sandbox, settings, "api_token", AccessTokens.fixed(sandbox.apiToken(), "connection 1"));
    }

    /** A connection authorised by OAuth: its first call refreshes the token at the sandbox's token endpoint. */
    static PipedriveTestConnection oauth(PipedriveSandbox sandbox, Map<String, String> settings) {
        Map<String, Object> info = sandbox.info();
        Credential.OAuth initial = new Credential.OAuth("", (String) info.get("refreshToken"), null, null,
                (String) info.get("clientId"), (String) info.get("clientSecret"), null);
        PipedriveConnectorProvider provider = new PipedriveConnectorProvider();
        ConnectionContext context = context(sandbox, settings, "oauth");
        AccessTokens tokens = new OAuthAccessTokens(1, context.name(), provider.oauthEndpoint(context),
                new InMemoryCredentials(initial), Clock.systemUTC(), initial);
        return open(sandbox, settings, "oauth", tokens);
    }

    private static PipedriveTestConnection open(PipedriveSandbox sandbox, Map<String, String> settings, String auth,
                                                AccessTokens tokens) {
        PipedriveConnectorProvider provider = new PipedriveConnectorProvider();
        ConnectionContext context = context(sandbox, settings, auth);
        ApiGovernor governor = new ApiGovernor(context.name(), provider.rateLimits(context), Clock.systemUTC());
        ApiExecutor executor = new ApiExecutor(context.name(), governor, tokens, FAST_RETRIES);
        return new PipedriveTestConnection(sandbox, provider.open(context, executor), governor);
    }

    static ConnectionContext context(PipedriveSandbox sandbox, Map<String, String> settings, String auth) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("baseUrl", sandbox.server().baseUri().toString());
        all.put("auth", auth);
        all.putAll(settings);
        return new ConnectionContext(new Connection(1, "acme", PipedriveConnectorProvider.KIND, null, Connection.Status.ACTIVE,
                null, all, Instant.now()));
    }

    /** Records of a type in the sandbox (live ones), from its stats. */
    long liveRecords(String type) {
        return get("/_sandbox/stats").path("records").path(type).asLong(-1);
    }

    long tokensUsedToday() {
        return get("/_sandbox/stats").path("apiBudget").path("tokensUsedToday").asLong();
    }

    long requests(String route) {
        return sandbox.server().stats().requests(route);
    }

    /** Requests on a route answered with {@code status}. */
    long answered(String route, int status) {
        return sandbox.server().stats().snapshot().getOrDefault(route, Map.of())
                .getOrDefault(Integer.toString(status), 0L);
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("x-api-token", sandbox.apiToken()).GET());
    }

    JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("x-api-token", sandbox.apiToken()).DELETE());
    }

    JsonNode put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("x-api-token", sandbox.apiToken())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private URI uri(String path) {
        return URI.create(sandbox.server().baseUri() + path);
    }

    private static JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return SandboxResponse.jsonMapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The credentials table of one connection, in memory: updates are serialised like the row lock does. */
    static final class InMemoryCredentials extends CredentialStore {

        private final AtomicReference<Credential> stored;

        @SuppressWarnings("DataFlowIssue")
        InMemoryCredentials(Credential initial) {
            super(null, null, null);
            this.stored = new AtomicReference<>(initial);
        }

        @Override
        public synchronized Credential updateLocked(long connectionId, UnaryOperator<Credential> change) {
            Credential next = change.apply(stored.get());
            stored.set(next);
            return next;
        }

        @Override
        public java.util.Optional<Credential> find(long connectionId) {
            return java.util.Optional.of(stored.get());
        }
    }
}
