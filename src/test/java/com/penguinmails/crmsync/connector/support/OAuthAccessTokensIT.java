package com.penguinmails.crmsync.connector.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.credentials.Credential;
import com.penguinmails.crmsync.credentials.CredentialStore;
import com.penguinmails.crmsync.sandbox.salesforce.SalesforceSandbox;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * OAuth access tokens against the Salesforce sandbox's token endpoint, whose refresh tokens rotate: refreshes are
 * saved with their new refresh token in a transaction of their own (a chunk rolling back keeps them), collapse when
 * threads or processes race, and a revoked grant stops the connection.
 */
@SpringBootTest
class OAuthAccessTokensIT {

    private static final String TOKEN_ROUTE = "POST /services/oauth2/token";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestDatabase.register(registry, "oauth_tokens");
        registry.add("crmsync.credentials.keyset-file",
                Files.createTempDirectory("oauth-tokens").resolve("keyset.json")::toString);
        registry.add("crmsync.credentials.generate-missing", () -> "true");
    }

    @Autowired
    CredentialStore store;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    SalesforceSandbox sandbox;
    OAuthEndpoint endpoint;
    long connectionId;

    @BeforeEach
    void connection() {
        sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withSeedContacts(1).withTokenTtl(Duration.ofHours(2)));
        endpoint = new SalesforceConnectorProvider().oauthEndpoint(new ConnectionContext(new Connection(0, "acme",
                SalesforceConnectorProvider.KIND, null, Connection.Status.ACTIVE, null,
                Map.of("baseUrl", sandbox.info().get("loginUrl").toString()), java.time.Instant.now())));
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('acme', 'Acme') ON CONFLICT DO NOTHING").update();
        connectionId = jdbc.sql("INSERT INTO crm_sync.connections (tenant_id, crm, account_ref) VALUES ('acme', "
                + "'salesforce', gen_random_uuid()::text) RETURNING id").query(Long.class).single();
        store.save(connectionId, new Credential.OAuth("", info("refreshToken"), null, null, info("clientId"),
                info("clientSecret"), null));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private String info(String key) {
        return sandbox.info().get(key).toString();
    }

    private OAuthAccessTokens tokens() {
        Credential.OAuth stored = (Credential.OAuth) store.find(connectionId).orElseThrow();
        return new OAuthAccessTokens(connectionId, "connection " + connectionId, endpoint, store, Clock.systemUTC(),
                stored);
    }

    private long tokenRequests() {
        return sandbox.server().stats().requests(TOKEN_ROUTE);
    }

    @Test
    void theFirstCallGetsATokenAndTheRotatedRefreshTokenIsSavedWhileTheOldOneStopsWorking() throws Exception {
        // given
        String originalRefresh = info("refreshToken");

        // when
        String access = tokens().current();

        // then
        Credential.OAuth saved = (Credential.OAuth) store.find(connectionId).orElseThrow();
        assertThat(saved.accessToken()).isEqualTo(access).isNotBlank();
        assertThat(saved.refreshToken()).isNotEqualTo(originalRefresh);
        assertThat(saved.instanceUrl()).isEqualTo(info("instanceUrl"));
        assertThat(saved.expiresAt()).isAfter(java.time.Instant.now().plus(Duration.ofMinutes(100)));
        HttpResponse<String> reuse = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.tokenUri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=" + originalRefresh
                        + "&client_id=" + info("clientId") + "&client_secret=" + info("clientSecret")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reuse.statusCode()).isEqualTo(400);
        assertThat(reuse.body()).contains("invalid_grant");
    }

    @Test
    void eachRefreshGrantTellsItsOutcomeRefreshedOrRevoked() {
        // given
        java.util.List<String> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        Credential.OAuth stored = (Credential.OAuth) store.find(connectionId).orElseThrow();
        OAuthAccessTokens tokens = new OAuthAccessTokens(connectionId, "connection " + connectionId, endpoint, store,
                Clock.systemUTC(), stored, outcomes::add);

        // when: a first token, a token still valid (no grant), then a refresh token the CRM no longer knows
        tokens.current();
        tokens.current();
        store.save(connectionId, new Credential.OAuth("", "unknown-refresh-token", null, null, info("clientId"),
                info("clientSecret"), null));
        OAuthAccessTokens revoked = new OAuthAccessTokens(connectionId, "connection " + connectionId, endpoint, store,
                Clock.systemUTC(), (Credential.OAuth) store.find(connectionId).orElseThrow(), outcomes::add);
        org.assertj.core.api.Assertions.catchThrowable(revoked::current);

        // then
        assertThat(outcomes).containsExactly("refreshed", "revoked");
    }

    @Test
    void aRefreshInsideAChunkThatRollsBackLeavesTheRotatedRefreshTokenStoredAndUsable() throws Exception {
        // given: a connection with a current token, and the chunk transaction a job step would run it in
        OAuthAccessTokens tokens = tokens();
        String stale = tokens.current();
        String refreshBefore = ((Credential.OAuth) store.find(connectionId).orElseThrow()).refreshToken();
        TransactionTemplate chunk = new TransactionTemplate(transactions);

        // when: the CRM rejects the token mid-chunk, the refresh rotates the refresh token, and the chunk rolls back
        chunk.executeWithoutResult(status -> {
            jdbc.sql("UPDATE crm_sync.connections SET status_reason = 'written by the chunk' WHERE id = :id")
                    .param("id", connectionId).update();
            tokens.refreshAfterRejection(stale);
            status.setRollbackOnly();
        });

        // then: the chunk's own write is gone, but the rotated tokens were committed on their own
        assertThat(jdbc.sql("SELECT status_reason FROM crm_sync.connections WHERE id = :id").param("id", connectionId)
                .query(String.class).optional()).isEmpty();
        Credential.OAuth stored = (Credential.OAuth) store.find(connectionId).orElseThrow();
        assertThat(stored.refreshToken()).isNotEqualTo(refreshBefore);
        assertThat(stored.accessToken()).isNotEqualTo(stale);
        // and the next process, opening the connection from the database, refreshes with them
        String next = tokens().refreshAfterRejection(stored.accessToken());
        assertThat(next).isNotBlank().isNotEqualTo(stored.accessToken());
    }

    @Test
    void withoutRotationTheRefreshKeepsTheRefreshTokenSoAProcessKilledBeforeStoringLosesNothing() {
        // given: a connected app with refresh token rotation off (Salesforce's default)
        sandbox.refreshTokenRotation(false);
        String original = info("refreshToken");
        Credential.OAuth before = (Credential.OAuth) store.find(connectionId).orElseThrow();

        // when: a refresh is granted but never stored (the process died between the CRM's answer and the commit)
        TokenGrant lost = OAuthAccessTokens.requestRefresh(endpoint, before, "connection " + connectionId,
                Clock.systemUTC());

        // then: the answer carried no new refresh token, and the stored credential still refreshes
        assertThat(lost.credential().refreshToken()).isEqualTo(original);
        assertThat(lost.account()).isEqualTo(info("organizationId"));
        String access = tokens().current();
        assertThat(access).isNotBlank().isNotEqualTo(lost.credential().accessToken());
        assertThat(((Credential.OAuth) store.find(connectionId).orElseThrow()).refreshToken()).isEqualTo(original);
    }

    @Test
    void manyThreadsRejectedAtOnceCauseOneRefresh() throws Exception {
        // given
        OAuthAccessTokens tokens = tokens();
        String stale = tokens.current();
        long before = tokenRequests();

        // when
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> tokens.refreshAfterRejection(stale)));
        }
        List<String> fresh = new ArrayList<>();
        for (Future<String> result : results) {
            fresh.add(result.get());
        }
        pool.shutdown();

        // then
        assertThat(tokenRequests() - before).isEqualTo(1);
        assertThat(fresh).containsOnly(fresh.get(0)).doesNotContain(stale);
    }

    @Test
    void twoProcessesRefreshingTheSameConnectionMakeOneRequestAndShareItsTokens() throws Exception {
        // given: two pods' views of one connection, both holding the same stale token
        OAuthAccessTokens first = tokens();
        String stale = first.current();
        OAuthAccessTokens second = tokens();
        long before = tokenRequests();

        // when
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Callable<String> a = () -> first.refreshAfterRejection(stale);
        Callable<String> b = () -> second.refreshAfterRejection(stale);
        List<Future<String>> both = pool.invokeAll(List.of(a, b));
        pool.shutdown();

        // then: the row lock serialised them; the second found the first's tokens and used them
        assertThat(tokenRequests() - before).isEqualTo(1);
        assertThat(both.get(0).get()).isEqualTo(both.get(1).get()).isNotEqualTo(stale);
    }

    @Test
    void aTokenAboutToExpireIsRefreshedBeforeUse() {
        // given: a stored token that expires in 30 s
        OAuthAccessTokens tokens = tokens();
        String first = tokens.current();
        Credential.OAuth saved = (Credential.OAuth) store.find(connectionId).orElseThrow();
        store.save(connectionId, new Credential.OAuth(saved.accessToken(), saved.refreshToken(),
                java.time.Instant.now().plusSeconds(30), saved.instanceUrl(), saved.clientId(), saved.clientSecret(),
                saved.scope()));
        OAuthAccessTokens expiring = tokens();

        // when
        String used = expiring.current();

        // then
        assertThat(used).isNotEqualTo(first);
    }

    @Test
    void aRevokedGrantMakesTheConnectionUnavailableNamingIt() {
        // given
        store.save(connectionId, new Credential.OAuth("", "revoked-refresh-token", null, null, info("clientId"),
                info("clientSecret"), null));

        // when / then
        assertThatThrownBy(() -> tokens().current()).isInstanceOfSatisfying(CrmUnavailableException.class, e -> {
            assertThat(e.reason()).isEqualTo(CrmUnavailableException.Reason.AUTH_REVOKED);
            assertThat(e.getMessage()).contains("connection " + connectionId).contains("invalid_grant")
                    .doesNotContain("revoked-refresh-token");
        });
    }

    @Test
    void aRefusalInTheVendorsOwnWordsAlsoMeansTheGrantIsGone() {
        // given: HubSpot answers a bad refresh token with {"status": "BAD_REFRESH_TOKEN", ...}, not an OAuth error
        try (var hubspot = com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox.start(
                SandboxOptions.defaults().withSeedContacts(1))) {
            OAuthEndpoint hubspotTokens = new OAuthEndpoint(URI.create(hubspot.info().get("baseUrl") + "/oauth/v1/token"),
                    OAuthEndpoint.ClientAuthentication.FORM, Duration.ofMinutes(30));
            store.save(connectionId, new Credential.OAuth("", "not-a-refresh-token", null, null,
                    hubspot.info().get("clientId").toString(), hubspot.info().get("clientSecret").toString(), null));
            OAuthAccessTokens tokens = new OAuthAccessTokens(connectionId, "connection " + connectionId, hubspotTokens,
                    store, Clock.systemUTC(), (Credential.OAuth) store.find(connectionId).orElseThrow());

            // when / then
            assertThatThrownBy(tokens::current).isInstanceOfSatisfying(CrmUnavailableException.class,
                    e -> assertThat(e.reason()).isEqualTo(CrmUnavailableException.Reason.AUTH_REVOKED));
        }
    }

    @Test
    void theConnectorRegistryOpensNoConnectorForACrmWithoutOne() {
        var connection = new com.penguinmails.crmsync.core.Connection(connectionId, "acme",
                SalesforceConnectorProvider.KIND, null,
                com.penguinmails.crmsync.core.Connection.Status.ACTIVE, null, Map.of(), java.time.Instant.now());
        Connectors none = new Connectors(List.of(), store);
        assertThatThrownBy(() -> none.open(connection)).isInstanceOf(CrmUnavailableException.class)
                .hasMessageContaining("no salesforce connector");
    }
}
