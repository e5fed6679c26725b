package com.penguinmails.crmsync.connector.salesforce.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.connector.support.AccessTokens;
import com.penguinmails.crmsync.connector.support.ApiExecutor;
import com.penguinmails.crmsync.connector.support.ApiGovernor;
import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.CrmChangeStream;
import com.penguinmails.crmsync.connector.support.RateLimitSpec;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.sandbox.salesforce.SalesforceSandbox;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The subscriber against the sandbox's Pub/Sub API, without a database: batches of at most 100 events in order,
 * the next asked for only once the listener took one, and a batch the listener refused delivered again after the
 * reconnect.
 */
class ChangeSubscriberIT {

    private static SalesforceSandbox sandbox;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withSeedContacts(1));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void batchesComeInOrderAtMostAHundredAtATimeAndARefusedBatchComesAgain() throws Exception {
        // given: a listener that refuses the first batch after the warm-up once
        List<CrmChangeStream.Batch> taken = new CopyOnWriteArrayList<>();
        AtomicBoolean warm = new AtomicBoolean();
        AtomicBoolean refusedOnce = new AtomicBoolean();
        CrmChangeStream.Listener listener = batch -> {
            if (warm.get() && refusedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("database down");
            }
            taken.add(batch);
        };
        try (CrmChangeStream.Subscription subscription = new SalesforceChangeStream().open(context(),
                executor(), null, listener)) {
            String warmUp = awaitSubscribed(taken);
            warm.set(true);
            int before = taken.size();

            // when: 150 contacts are created in one Bulk API job (one burst of events)
            List<String> created = bulkInsert(150);

            // then
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (ids(taken.subList(before, taken.size())).size() < 150) {
                assertThat(System.nanoTime()).as("got %s", ids(taken.subList(before, taken.size())).size())
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(refusedOnce).isTrue();
            assertThat(ids(taken.subList(before, taken.size()))).containsExactlyElementsOf(created)
                    .doesNotContain(warmUp);
            assertThat(taken).allSatisfy(batch -> assertThat(batch.notices()).hasSizeLessThanOrEqualTo(100));
            assertThat(taken.subList(before, taken.size())).hasSizeGreaterThanOrEqualTo(2);
            assertThat(subscription.connected()).isTrue();
        }
    }

    /** Creates contacts until one's notice arrives (the stream is then subscribed); its id. */
    private String awaitSubscribed(List<CrmChangeStream.Batch> taken) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            String id = create("WarmUp");
            Thread.sleep(200);
            if (ids(taken).contains(id)) {
                return id;
            }
            assertThat(System.nanoTime()).as("the stream never delivered").isLessThan(deadline);
        }
    }

    /** Inserts {@code count} contacts through one Bulk API 2.0 ingest job; their ids in row order. */
    private List<String> bulkInsert(int count) throws Exception {
        String jobs = sandbox.info().get("restBaseUrl") + "/jobs/ingest";
        String job = send("POST", jobs, "application/json", "{\"object\":\"Contact\",\"operation\":\"insert\","
                + "\"lineEnding\":\"LF\"}").replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        StringBuilder csv = new StringBuilder("LastName\n");
        for (int i = 0; i < count; i++) {
            csv.append("Bulk").append(i).append('\n');
        }
        send("PUT", jobs + "/" + job + "/batches", "text/csv", csv.toString());
        send("PATCH", jobs + "/" + job, "application/json", "{\"state\":\"UploadComplete\"}");
        for (int look = 0; look < 3; look++) {
            send("GET", jobs + "/" + job, "application/json", null);
        }
        String results = send("GET", jobs + "/" + job + "/successfulResults", "application/json", null);
        return results.lines().skip(1).map(line -> line.split(",")[0].replace("\"", "")).toList();
    }

    private String send(String method, String url, String contentType, @Nullable String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + sandbox.info().get("accessToken"))
                .header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return response.body();
    }

    private static List<String> ids(List<CrmChangeStream.Batch> batches) {
        return batches.stream().flatMap(b -> b.notices().stream()).map(CrmChangeNotice::recordId).toList();
    }

    private String create(String lastName) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sandbox.info().get("restBaseUrl")
                        + "/sobjects/Contact"))
                .header("Authorization", "Bearer " + sandbox.info().get("accessToken"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"LastName\":\"" + lastName + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body().replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private static ConnectionContext context() {
        return new ConnectionContext(new Connection(1, "acme", SalesforceConnectorProvider.KIND,
                (String) sandbox.info().get("organizationId"), Connection.Status.ACTIVE, null,
                Map.of("baseUrl", (String) sandbox.info().get("instanceUrl"), "pubSubEndpoint",
                        sandbox.pubSubEndpoint(), "cdcReconnectMillis", "50"), Instant.now()));
    }

    private static ApiExecutor executor() {
        ConnectionContext context = context();
        return new ApiExecutor(context.name(), new ApiGovernor(context.name(), new RateLimitSpec(1000,
                Duration.ofSeconds(1), 100_000, 0.5), Clock.systemUTC()),
                AccessTokens.fixed((String) sandbox.info().get("accessToken"), context.name()),
                ApiExecutor.retryPolicy(0));
    }
}
