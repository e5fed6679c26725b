package com.penguinmails.crmsync.connector.salesforce;

import com.penguinmails.crmsync.connector.support.AccessTokens;
import com.penguinmails.crmsync.connector.support.ApiExecutor;
import com.penguinmails.crmsync.connector.support.ApiGovernor;
import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.CrmApiException;
import com.penguinmails.crmsync.connector.support.RateLimitSpec;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.sandbox.salesforce.SalesforceSandbox;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.core.retry.RetryPolicy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test fixture: a Salesforce sandbox, connectors opened on it by {@link SalesforceConnectorProvider} (fast retries and
 * bulk polling so faults and jobs cost no seconds), the official partner client for arranging data, and call counts.
 */
final class SalesforceTestOrg implements AutoCloseable {

    static final String SOAP_ROUTE = "POST /services/Soap/u/{version}";

    private final SalesforceSandbox sandbox;
    private final HttpClient http = HttpClient.newHttpClient();
    private final SalesforceConnectorProvider provider = new SalesforceConnectorProvider();

    SalesforceTestOrg(SandboxOptions options) {
        this.sandbox = SalesforceSandbox.start(options);
    }

    SalesforceSandbox sandbox() {
        return sandbox;
    }

    String baseUrl() {
        return (String) sandbox.info().get("instanceUrl");
    }

    /** Re-seeds the org, forgets its tokens, counts and clock offset. */
    void reset() {
        send(HttpRequest.newBuilder(URI.create(baseUrl() + "/_sandbox/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A connector with the sandbox's ready access token (never refreshed). */
    CrmConnector connector(Map<String, String> settings) {
        return connector(settings, AccessTokens.fixed((String) sandbox.info().get("accessToken"), "test"));
    }

    CrmConnector connector(Map<String, String> settings, AccessTokens tokens) {
        Map<String, String> all = new HashMap<>(Map.of("baseUrl", baseUrl(), "bulkPollMillis", "5",
                "concurrencyBackoffMillis", "10"));
        all.putAll(settings);
        ConnectionContext context = new ConnectionContext(new Connection(1, "acme", SalesforceConnectorProvider.KIND, null,
                Connection.Status.ACTIVE, null, all, Instant.now()));
        ApiGovernor governor = new ApiGovernor(context.name(), new RateLimitSpec(1000, Duration.ofSeconds(1),
                100_000, 0.5), Clock.systemUTC());
        RetryPolicy retries = RetryPolicy.builder().maxRetries(10).delay(Duration.ofMillis(5)).multiplier(1.5)
                .maxDelay(Duration.ofMillis(50)).includes(CrmApiException.Transient.class).build();
        return provider.open(context, new ApiExecutor(context.name(), governor, tokens, retries));
    }

    /** Access tokens refreshed at the sandbox's token endpoint (refresh tokens rotate), counting refreshes. */
    RefreshingTokens refreshingTokens() {
        return new RefreshingTokens((String) sandbox.info().get("accessToken"),
                (String) sandbox.info().get("refreshToken"));
    }

    /** The official partner client with a fresh session, for arranging and checking data. */
    PartnerConnection partner() {
        ConnectorConfig config = new ConnectorConfig();
        config.setManualLogin(true);
        config.setServiceEndpoint(baseUrl() + "/services/Soap/u/64.0");
        config.setSessionId((String) sandbox.info().get("accessToken"));
        try {
            return new PartnerConnection(config);
        } catch (ConnectionException e) {
            throw new IllegalStateException(e);
        }
    }

    long soapCalls() {
        return sandbox.server().stats().requests(SOAP_ROUTE);
    }

    long restCalls(String route) {
        return sandbox.server().stats().requests(route);
    }

    void advanceClock(Duration by) {
        sandbox.server().clock().advance(by);
    }

    @Override
    public void close() {
        sandbox.close();
    }

    private JsonNode token(String refreshToken) {
        Map<String, String> form = Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", (String) sandbox.info().get("clientId"),
                "client_secret", (String) sandbox.info().get("clientSecret"));
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token refresh failed with HTTP " + response.statusCode());
        }
        return JsonMapper.builder().build().readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Tokens that a rejection refreshes with the sandbox's (rotating) refresh token. */
    final class RefreshingTokens implements AccessTokens {
        private volatile String access;
        private volatile String refresh;
        private final AtomicInteger refreshes = new AtomicInteger();

        RefreshingTokens(String access, String refresh) {
            this.access = access;
            this.refresh = refresh;
        }

        @Override
        public String current() {
            return access;
        }

        @Override
        public synchronized String refreshAfterRejection(String rejected) {
            if (!rejected.equals(access)) {
                return access;
            }
            JsonNode response = token(refresh);
            access = response.get("access_token").asString();
            if (response.has("refresh_token")) {
                refresh = response.get("refresh_token").asString();
            }
            refreshes.incrementAndGet();
            return access;
        }

        @Override
        public Optional<String> instanceUrl() {
            return Optional.of(baseUrl());
        }

        int refreshes() {
            return refreshes.get();
        }
    }
}
