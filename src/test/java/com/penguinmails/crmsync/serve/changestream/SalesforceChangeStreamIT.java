package com.penguinmails.crmsync.serve.changestream;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.WriteResult;
import com.penguinmails.crmsync.sandbox.salesforce.SalesforceSandbox;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The change stream of a Salesforce connection, end to end: sandbox writes, Change Data Capture over the Pub/Sub
 * API, {@code crm_sync.change_notices} and the stored replay id; through restarts, GAP and overflow events, echoes
 * of the connector's own writes and an expired session.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesforceChangeStreamIT extends SyncJobIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "salesforce_change_stream");
        registry.add("crmsync.serve.change-stream.claim-interval", () -> "PT0.5S");
    }

    @Autowired
    ChangeStreamRunner streams;
    @Autowired
    Connectors connectors;
    @Autowired
    ConnectionStore connectionStore;
    @Autowired
    com.penguinmails.crmsync.store.ChangeNoticeStore noticeStore;
    @Autowired
    com.penguinmails.crmsync.store.ChangeStreamPositionStore positionStore;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;
    @Autowired
    javax.sql.DataSource dataSource;

    @AutoClose
    CrmDriver salesforce;
    long connection;
    String contact;

    @BeforeAll
    void connect() throws Exception {
        salesforce = CrmDriver.start(SalesforceConnectorProvider.KIND, 5);
        ((SalesforceSandbox) salesforce.sandbox()).refreshTokenRotation(false);
        tenant("initech", "Initech");
        connection = salesforce.connect(registry, "initech", salesforce.sandbox().tenantConnection().account(),
                Map.of("cdcReconnectMillis", "100"));
        contact = salesforce.create("ada@example.com", "Ada", "Lovelace");
    }

    @BeforeEach
    void startStreaming() throws Exception {
        streams.start();
        awaitStreaming();
    }

    @AfterEach
    void stopStreaming() {
        streams.stop();
    }

    @Test
    void aRestEditIsStoredAsANoticeOfItsRecordWithTheReplayIdAfterIt() throws Exception {
        // given
        byte[] before = position();
        long stored = notices(contact);

        // when
        salesforce.update(contact, "Title", "Countess");

        // then
        await(() -> notices(contact) == stored + 1);
        assertThat(jdbc.sql("SELECT object_type || ' ' || change FROM crm_sync.change_notices WHERE record_id = :id "
                + "ORDER BY id DESC LIMIT 1").param("id", contact).query(String.class).single())
                .isEqualTo("CONTACT UPSERTED");
        assertThat(position()).isNotEqualTo(before);
    }

    @Test
    void aRestartedStreamResumesAfterTheStoredReplayIdWithoutLossOrDuplicates() throws Exception {
        // given: the stream stops; three contacts change meanwhile
        streams.stop();
        long stored = count("SELECT count(*) FROM crm_sync.change_notices");
        String first = salesforce.create("grace@example.com", "Grace", "Hopper");
        String second = salesforce.create("alan@example.com", "Alan", "Turing");
        salesforce.update(first, "Title", "Admiral");

        // when
        streams.start();

        // then
        await(() -> count("SELECT count(*) FROM crm_sync.change_notices") == stored + 3);
        Thread.sleep(500);
        assertThat(count("SELECT count(*) FROM crm_sync.change_notices")).isEqualTo(stored + 3);
        assertThat(notices(first)).isEqualTo(2);
        assertThat(notices(second)).isEqualTo(1);
    }

    @Test
    void gapEventsGiveNoticesForTheirIdsAndAnOverflowAResyncOfTheObject() throws Exception {
        // given
        String leadResyncs = "SELECT count(*) FROM crm_sync.change_notices WHERE change = 'RESYNC' AND object_type = "
                + "'LEAD' AND record_id IS NULL";
        long stored = notices(contact);
        long resyncs = count(leadResyncs);

        // when
        pubSub().emitGap("Contact", "GAP_UPDATE", List.of(contact));
        pubSub().emitGap("Lead", "GAP_OVERFLOW", List.of());

        // then
        await(() -> count(leadResyncs) == resyncs + 1);
        assertThat(notices(contact)).isEqualTo(stored + 1);
    }

    @Test
    void anEditMadeThroughTheConnectorIsAnEchoAndStoresNothing() throws Exception {
        // given
        Connection connected = connectionStore.find(connection).orElseThrow();
        List<WriteResult> written = connectors.open(connected).upsert(ObjectType.CONTACT, List.of(
                CrmRecord.toWrite(ObjectType.CONTACT, contact, null, Map.of("Title", "Echo"))));
        assertThat(written).singleElement().extracting(WriteResult::success).isEqualTo(true);
        long before = notices(contact);

        // when: a later edit by someone else proves the echo's event went by
        String other = salesforce.create("charles@example.com", "Charles", "Babbage");

        // then
        await(() -> notices(other) == 1);
        assertThat(notices(contact)).isEqualTo(before);
    }

    @Test
    void anExpiredSessionIsRefreshedThroughOAuthAndTheStreamGoesOn() throws Exception {
        // given: the org's clock passes the access token's lifetime
        long refreshes = salesforce.server().stats().requests("POST /services/oauth2/token");
        salesforce.server().clock().advance(Duration.ofHours(3));
        try {
            String fresh = freshToken();

            // when
            String id = SandboxConnections.call("POST", salesforce.info().get("restBaseUrl") + "/sobjects/Contact",
                    "Authorization", "Bearer " + fresh, "{\"LastName\":\"Late\"}").get("id").asString();

            // then
            await(() -> notices(id) == 1);
            assertThat(salesforce.server().stats().requests("POST /services/oauth2/token"))
                    .isGreaterThan(refreshes + 1);
        } finally {
            salesforce.server().clock().reset();
        }
    }

    @Test
    void aReplayIdSalesforceRefusesAsksForAResyncOfEveryObjectAndTheStreamGoesOnFromTheNewestEvents()
            throws Exception {
        // given: the stored replay id is one Salesforce no longer keeps
        streams.stop();
        jdbc.sql("UPDATE crm_sync.change_stream_positions SET position = :p WHERE connection_id = :c")
                .param("p", new byte[] {0, 0, 0, 0, 0, 0, 0, 1}).param("c", connection).update();

        // when
        streams.start();

        // then
        await(() -> count("SELECT count(*) FROM crm_sync.change_notices WHERE change = 'RESYNC' AND event_id LIKE "
                + "'replay-rejected-%'") == 3);
        assertThat(jdbc.sql("SELECT object_type FROM crm_sync.change_notices WHERE event_id LIKE 'replay-rejected-%'")
                .query(String.class).list()).containsExactlyInAnyOrder("CONTACT", "LEAD", "COMPANY");
        awaitStreaming();
        assertThat(position()).isNotEqualTo(new byte[] {0, 0, 0, 0, 0, 0, 0, 1});
    }

    @Test
    void onlyOneReplicaStreamsAConnectionAndAnotherTakesOverWhenItStops() throws Exception {
        // given: a second replica next to the one streaming
        ChangeStreamRunner second = new ChangeStreamRunner(connectionStore, connectors, noticeStore, positionStore,
                transactionManager, dataSource, Duration.ofMillis(200));
        try {
            second.start();
            Thread.sleep(1_000);
            assertThat(second.streaming()).isEmpty();
            assertThat(streams.streaming()).containsExactly(connection);

            // when
            streams.stop();

            // then
            await(() -> second.streaming().contains(connection));
            awaitStreaming();
        } finally {
            second.stop();
        }
    }

    @Test
    void aDisabledConnectionsStreamIsClosed() throws Exception {
        // when
        connectionStore.setStatus(connection, Connection.Status.DISABLED, "test");

        // then
        try {
            await(() -> !streams.streaming().contains(connection));
        } finally {
            connectionStore.setStatus(connection, Connection.Status.ACTIVE, null);
        }
    }

    /** A new access token from the org's refresh token (rotation is off, so the connection's stays valid). */
    private String freshToken() throws Exception {
        String form = "grant_type=refresh_token&client_id=" + encode(salesforce.info().get("clientId"))
                + "&client_secret=" + encode(salesforce.info().get("clientSecret")) + "&refresh_token="
                + encode(salesforce.info().get("refreshToken"));
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create((String) salesforce.info().get("tokenUrl")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body())
                .get("access_token").asString();
    }

    private static String encode(Object value) {
        return java.net.URLEncoder.encode(String.valueOf(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    private com.penguinmails.crmsync.sandbox.salesforce.pubsub.PubSubServer pubSub() {
        return ((SalesforceSandbox) salesforce.sandbox()).pubSub();
    }

    private long notices(String recordId) {
        return jdbc.sql("SELECT count(*) FROM crm_sync.change_notices WHERE connection_id = :c AND record_id = :id")
                .param("c", connection).param("id", recordId).query(Long.class).single();
    }

    private byte[] position() {
        return jdbc.sql("SELECT position FROM crm_sync.change_stream_positions WHERE connection_id = :c")
                .param("c", connection).query((rs, row) -> rs.getBytes(1)).single();
    }

    /** Edits the warm-up contact until its notice arrives: the stream is subscribed from then on. */
    private void awaitStreaming() throws Exception {
        long before = notices(contact);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (notices(contact) == before) {
            assertThat(System.nanoTime()).as("the change stream never delivered").isLessThan(deadline);
            salesforce.update(contact, "Title", "Warm-up " + System.nanoTime());
            Thread.sleep(300);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within %s", WAIT).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
