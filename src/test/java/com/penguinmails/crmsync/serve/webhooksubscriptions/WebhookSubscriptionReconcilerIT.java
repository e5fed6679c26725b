package com.penguinmails.crmsync.serve.webhooksubscriptions;

import com.penguinmails.crmsync.core.Actor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.penguinmails.crmsync.cli.CrmSyncCli;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveWebhooks;
import com.penguinmails.crmsync.connector.support.ConnectionNotices;
import com.penguinmails.crmsync.connector.support.WebhookAccounts;
import com.penguinmails.crmsync.connector.support.WebhookDelivery;
import com.penguinmails.crmsync.connector.support.WebhookRefusedException;
import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.credentials.CredentialStore;
import com.penguinmails.crmsync.sandbox.pipedrive.PipedriveSandbox;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.TestDatabase;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's Pipedrive webhooks, both ends: registered for an active connection with credentials generated and
 * sealed in the database, re-created when Pipedrive deleted or banned them, removed when the connection is disabled or
 * disconnected; the sandbox's deliveries then pass {@link PipedriveWebhooks}' Basic auth check at the public URL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class WebhookSubscriptionReconcilerIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final TestDatabase.Database DB = TestDatabase.create("webhook_subscriptions");
    static final Path KEYSET;
    static final PipedriveSandbox SANDBOX = PipedriveSandbox.start(SandboxOptions.defaults()
            .withPlan(SandboxOptions.Plan.ENTERPRISE).withSeedContacts(3));
    static final Receiver RECEIVER = new Receiver();

    static {
        try {
            KEYSET = Files.createTempDirectory("webhook-subscriptions").resolve("keyset.json");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The public URL: each delivery is checked by {@link PipedriveWebhooks} against the sealed credentials and
     * answered 200 (its notices kept) or the refusal's status; {@code failWith} makes it answer an error instead.
     */
    static final class Receiver {

        final HttpServer server;
        final List<CrmChangeNotice> notices = new CopyOnWriteArrayList<>();
        final List<Integer> statuses = new CopyOnWriteArrayList<>();
        final AtomicInteger failWith = new AtomicInteger();
        volatile WebhookAccounts accounts;

        Receiver() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            PipedriveWebhooks webhooks = new PipedriveWebhooks(JSON);
            server.createContext("/webhooks/pipedrive/", exchange -> {
                try (exchange) {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    String path = exchange.getRequestURI().getPath();
                    long connection = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
                    Map<String, String> headers = new HashMap<>();
                    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
                    int status = failWith.get();
                    if (status == 0) {
                        try {
                            List<ConnectionNotices> received = webhooks.receive(new WebhookDelivery("POST",
                                    URI.create(url() + path), headers, body, connection, Instant.now()), accounts);
                            received.forEach(n -> notices.addAll(n.notices()));
                            status = 200;
                        } catch (WebhookRefusedException e) {
                            status = e.status();
                        }
                    }
                    statuses.add(status);
                    exchange.sendResponseHeaders(status, -1);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        cliProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    static Map<String, Object> cliProperties() {
        Map<String, Object> properties = new HashMap<>(DB.springProperties());
        properties.put("crmsync.credentials.keyset-file", KEYSET.toString());
        properties.put("crmsync.credentials.generate-missing", "true");
        properties.put("crmsync.serve.public-url", RECEIVER.url() + "/");
        properties.put("crmsync.crm.max-retries", "1");
        return properties;
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
        RECEIVER.server.stop(0);
    }

    @Autowired
    WebhookSubscriptionReconciler reconciler;
    @Autowired
    SealedWebhookCredentials sealed;
    @Autowired
    ConnectionRegistry registry;
    @Autowired
    ConnectionStore connections;
    @Autowired
    CredentialStore credentialStore;
    @Autowired
    JdbcClient jdbc;

    long connection;

    @BeforeEach
    void connect() throws Exception {
        sandbox("POST", "/_sandbox/reset", null);
        SANDBOX.webhookRetryScale(1);
        RECEIVER.notices.clear();
        RECEIVER.statuses.clear();
        RECEIVER.failWith.set(0);
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('acme', 'Acme') ON CONFLICT DO NOTHING")
                .update();
        connection = SandboxConnections.connect(registry, "acme", "acct-" + System.nanoTime(), SANDBOX, Map.of());
        RECEIVER.accounts = accounts();
    }

    private WebhookAccounts accounts() {
        return new WebhookAccounts() {
            @Override
            public List<Long> connectionsOfAccount(String accountId) {
                return List.of();
            }

            @Override
            public boolean isConnected(long connectionId) {
                return connections.find(connectionId).filter(c -> c.status()
                        != com.penguinmails.crmsync.core.Connection.Status.DISCONNECTED).isPresent();
            }

            @Override
            public Optional<WebhookCredentials> credentials(long connectionId) {
                return sealed.credentials(connectionId);
            }

            @Override
            public Optional<String> appSecret() {
                return Optional.empty();
            }
        };
    }

    static JsonNode sandbox(String method, String path, String body) throws Exception {
        return SandboxConnections.call(method, SANDBOX.server().baseUri() + path, "x-api-token", SANDBOX.apiToken(),
                body);
    }

    List<JsonNode> webhooksOf(long connectionId) throws Exception {
        List<JsonNode> ours = new java.util.ArrayList<>();
        sandbox("GET", "/api/v1/webhooks", null).get("data").forEach(w -> {
            if (w.get("subscription_url").asString().equals(RECEIVER.url() + "/webhooks/pipedrive/" + connectionId)) {
                ours.add(w);
            }
        });
        return ours;
    }

    @Test
    void anActiveConnectionGetsPersonAndOrganizationWebhooksV2WithSealedCredentials() throws Exception {
        // when
        WebhookSubscriptionReconciler.Result result = reconciler.reconcile(connection);

        // then
        assertThat(result).isEqualTo(WebhookSubscriptionReconciler.Result.CHANGED);
        List<JsonNode> webhooks = webhooksOf(connection);
        assertThat(webhooks).extracting(w -> w.get("event_object").asString())
                .containsExactlyInAnyOrder("person", "organization");
        WebhookAccounts.WebhookCredentials credentials = sealed.credentials(connection).orElseThrow();
        assertThat(webhooks).allSatisfy(w -> {
            assertThat(w.get("event_action").asString()).isEqualTo("*");
            assertThat(w.get("version").asString()).isEqualTo("2.0");
            assertThat(w.get("http_auth_user").asString()).isEqualTo(credentials.user());
            assertThat(w.get("http_auth_password").asString()).isEqualTo(credentials.password());
        });
        assertThat(credentials.password()).hasSizeGreaterThanOrEqualTo(40);
        byte[] stored = jdbc.sql("SELECT ciphertext FROM crm_sync.webhook_credentials WHERE connection_id = :id")
                .param("id", connection).query((rs, n) -> rs.getBytes(1)).single();
        String asText = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(asText).doesNotContain(credentials.password(), credentials.user());
        assertThat(reconciler.reconcile(connection)).isEqualTo(WebhookSubscriptionReconciler.Result.UNCHANGED);
        assertThat(webhooksOf(connection)).hasSize(2);
    }

    @Test
    void theSandboxDeliveriesPassTheReceiversBasicAuthAndBecomeNotices() throws Exception {
        // given
        reconciler.reconcile(connection);

        // when
        JsonNode person = sandbox("POST", "/api/v2/persons", "{\"name\":\"Realtime Person\"}");

        // then
        String id = person.get("data").get("id").asString();
        await().atMost(Duration.ofSeconds(5)).until(() -> !RECEIVER.notices.isEmpty());
        assertThat(RECEIVER.statuses).containsOnly(200);
        assertThat(RECEIVER.notices).singleElement().satisfies(n -> {
            assertThat(n.change()).isEqualTo(CrmChangeNotice.Change.UPSERTED);
            assertThat(n.recordId()).isEqualTo(id);
        });
    }

    @Test
    void aWebhookPipedriveDeletedIsCreatedAgain() throws Exception {
        // given
        reconciler.reconcile(connection);
        JsonNode person = webhooksOf(connection).stream()
                .filter(w -> w.get("event_object").asString().equals("person")).findFirst().orElseThrow();

        // when
        assertThat(SANDBOX.deleteWebhookAsPipedrive(person.get("id").asLong())).isTrue();
        WebhookSubscriptionReconciler.Result result = reconciler.reconcile(connection);

        // then
        assertThat(result).isEqualTo(WebhookSubscriptionReconciler.Result.CHANGED);
        assertThat(webhooksOf(connection)).extracting(w -> w.get("event_object").asString())
                .containsExactlyInAnyOrder("person", "organization");
    }

    @Test
    void aBannedWebhookIsReplacedByAnActiveOne() throws Exception {
        // given a person webhook banned after ten failed first deliveries
        reconciler.reconcile(connection);
        RECEIVER.failWith.set(503);
        for (int i = 0; i < 10; i++) {
            sandbox("POST", "/api/v2/persons", "{\"name\":\"Failing " + i + "\"}");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> webhooksOf(connection).stream()
                .anyMatch(w -> w.get("is_active").asInt() == 0));
        RECEIVER.failWith.set(0);

        // when
        WebhookSubscriptionReconciler.Result result = reconciler.reconcile(connection);

        // then
        assertThat(result).isEqualTo(WebhookSubscriptionReconciler.Result.CHANGED);
        assertThat(webhooksOf(connection)).hasSize(2).allSatisfy(w -> assertThat(w.get("is_active").asInt())
                .isEqualTo(1));
    }

    @Test
    void aDisabledConnectionLosesItsWebhooksAndGetsThemBackWhenEnabled() throws Exception {
        // given
        reconciler.reconcile(connection);

        // when
        registry.disable(Actor.cli(), connection, "paused");
        WebhookSubscriptionReconciler.Result disabled = reconciler.reconcile(connection);
        List<JsonNode> whileDisabled = webhooksOf(connection);
        WebhookSubscriptionReconciler.Result again = reconciler.reconcile(connection);
        registry.enable(Actor.cli(), connection);
        reconciler.reconcile(connection);

        // then
        assertThat(disabled).isEqualTo(WebhookSubscriptionReconciler.Result.CHANGED);
        assertThat(whileDisabled).isEmpty();
        assertThat(again).isEqualTo(WebhookSubscriptionReconciler.Result.SKIPPED);
        assertThat(webhooksOf(connection)).hasSize(2);
    }

    @Test
    void reconcileAllRegistersEveryActiveConnectionOfACrmThatNeedsIt() throws Exception {
        // given
        long second = SandboxConnections.connect(registry, "acme", "acct-" + System.nanoTime(), SANDBOX, Map.of());

        // when
        reconciler.reconcileAll();

        // then
        assertThat(webhooksOf(connection)).hasSize(2);
        assertThat(webhooksOf(second)).hasSize(2);
    }

    @Test
    void disconnectRemovesTheWebhooksBeforeTheSecretsAreDeleted() throws Exception {
        // given
        reconciler.reconcile(connection);
        assertThat(webhooksOf(connection)).hasSize(2);

        // when
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CrmSyncCli.execute(new String[] {"connections", "disconnect", Long.toString(connection)},
                cliProperties(), new PrintWriter(out), new PrintWriter(err));

        // then
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("2 CRM webhooks removed", "disconnected");
        assertThat(webhooksOf(connection)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.webhook_credentials WHERE connection_id = :id")
                .param("id", connection).query(Long.class).single()).isZero();
        assertThat(sealed.credentials(connection)).isEmpty();
    }

    @Test
    void aCrmThatCannotBeReachedOnDisconnectIsOneLineAndTheConnectionIsStillDisconnected() throws Exception {
        // given a connection whose Pipedrive does not answer
        long unreachable = SandboxConnections.connect(registry, "acme", "acct-" + System.nanoTime(), SANDBOX,
                Map.of("baseUrl", "http://127.0.0.1:9"));

        // when
        WebhookSubscriptionReconciler.Removal removal = reconciler.remove(unreachable);
        registry.disconnect(Actor.cli(), unreachable);

        // then
        assertThat(removal.removed()).isZero();
        assertThat(removal.problem()).contains("connection " + unreachable, "could not be removed",
                "/webhooks/pipedrive/" + unreachable).doesNotContain("\n").doesNotContain(SANDBOX.apiToken());
        assertThat(connections.find(unreachable).orElseThrow().status())
                .isEqualTo(com.penguinmails.crmsync.core.Connection.Status.DISCONNECTED);
    }

    @Test
    void keyRotationReSealsTheWebhookCredentials() throws Exception {
        // given
        reconciler.reconcile(connection);
        WebhookAccounts.WebhookCredentials before = sealed.credentials(connection).orElseThrow();
        String keyBefore = jdbc.sql("SELECT key_id FROM crm_sync.webhook_credentials WHERE connection_id = :id")
                .param("id", connection).query(String.class).single();

        // when
        CredentialStore.Rotation rotation = credentialStore.rotateKey();

        // then
        assertThat(rotation.unreadable()).isEmpty();
        assertThat(jdbc.sql("SELECT DISTINCT key_id FROM crm_sync.webhook_credentials").query(String.class).list())
                .containsExactly(rotation.newKeyId()).doesNotContain(keyBefore);
        assertThat(sealed.credentials(connection)).contains(before);
    }
}
