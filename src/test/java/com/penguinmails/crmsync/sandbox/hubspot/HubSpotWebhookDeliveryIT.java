package com.penguinmails.crmsync.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.penguinmails.crmsync.connector.hubspot.HubSpotWebhooks;
import com.penguinmails.crmsync.connector.support.WebhookDelivery;
import com.penguinmails.crmsync.connector.support.WebhookRefusedException;
import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.core.CrmChangeNotice.Change;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import com.penguinmails.crmsync.testing.FixedWebhookAccounts;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox delivers its app's webhooks as HubSpot does, checked by the suite's own receiver
 * ({@link HubSpotWebhooks}): signed, batched, shuffled, retried, sometimes twice, and struck by the fault plan.
 */
class HubSpotWebhookDeliveryIT {

    static final long CONNECTION = 7;

    /** A webhook receiver on loopback: verifies each delivery with {@link HubSpotWebhooks} and keeps what came. */
    static final class Receiver implements AutoCloseable {

        final List<JsonNode> batches = new CopyOnWriteArrayList<>();
        final List<CrmChangeNotice> notices = new CopyOnWriteArrayList<>();
        final List<String> refusals = new CopyOnWriteArrayList<>();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();
        private final HttpServer server;
        private final ExecutorService executor = Executors.newFixedThreadPool(4);
        private final IntUnaryOperator statusOfRequest;
        private volatile FixedWebhookAccounts accounts = new FixedWebhookAccounts(Map.of(), null);

        Receiver(IntUnaryOperator statusOfRequest) throws IOException {
            this.statusOfRequest = statusOfRequest;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/", this::serve);
            server.setExecutor(executor);
            server.start();
        }

        /** The target URL, with escapes HubSpot decodes before signing in its query. */
        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/webhooks/hubspot?route=a%3Ab%2Fc");
        }

        void accept(HubSpotSandbox sandbox) {
            Map<String, Object> info = sandbox.info();
            @SuppressWarnings("unchecked")
            Map<String, Object> app = (Map<String, Object>) info.get("webhooks");
            accounts = new FixedWebhookAccounts(Map.of(info.get("hubId").toString(), List.of(CONNECTION)),
                    (String) app.get("clientSecret"));
        }

        private void serve(HttpExchange exchange) throws IOException {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
                URI called = URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                        + exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery());
                int status = statusOfRequest.applyAsInt(requests.incrementAndGet());
                try {
                    var received = new HubSpotWebhooks().receive(new WebhookDelivery(exchange.getRequestMethod(),
                            called, headers, body, null, Instant.now()), accounts);
                    if (status == 200) {
                        batches.add(SandboxResponse.jsonMapper().readTree(body));
                        received.forEach(c -> notices.addAll(c.notices()));
                    }
                } catch (WebhookRefusedException e) {
                    refusals.add(e.status() + " " + e.getMessage());
                    status = e.status();
                }
                exchange.sendResponseHeaders(status, -1);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        List<JsonNode> events() {
            List<JsonNode> events = new ArrayList<>();
            batches.forEach(batch -> batch.forEach(events::add));
            return events;
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    Receiver receiver(IntUnaryOperator statusOfRequest) throws IOException {
        Receiver receiver = new Receiver(statusOfRequest);
        started.add(receiver);
        return receiver;
    }

    /** The tests' delivery settings: 100 ms batches, no duplicates, HubSpot's retry delays in milliseconds. */
    static HubSpotWebhookSettings fast() {
        return HubSpotWebhookSettings.defaults().withBatchWindow(Duration.ofMillis(100)).withDuplicateRate(0)
                .withRetryDelayScale(0.0001);
    }

    HubSpotSandbox sandbox(Receiver receiver, double duplicateRate) {
        return sandbox(receiver, fast().withDuplicateRate(duplicateRate));
    }

    /** A sandbox delivering to {@code receiver}; a test that sets faults after an edit gives itself a long window. */
    HubSpotSandbox sandbox(Receiver receiver, HubSpotWebhookSettings webhooks) {
        HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults(), HubSpotSettings.defaults()
                .withWebhooks(webhooks.withTargetUrl(receiver.url())));
        started.add(sandbox);
        receiver.accept(sandbox);
        return sandbox;
    }

    /** A receiver's answer: 200, after {@code millis} for the requests (numbered from 1) {@code slow} picks. */
    static IntUnaryOperator answerAfter(long millis, IntPredicate slow) {
        return request -> {
            if (slow.test(request)) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return 200;
        };
    }

    /** Creates {@code count} contacts through batch creates of 100. */
    static void createContacts(HubSpotTestClient client, String prefix, int count) {
        for (int first = 0; first < count; first += 100) {
            List<Map<String, Object>> inputs = IntStream.range(first, Math.min(first + 100, count))
                    .mapToObj(i -> Map.<String, Object>of("properties", Map.of("email", prefix + i + "@hook.example")))
                    .toList();
            assertThat(client.post("/crm/v3/objects/contacts/batch/create", Map.of("inputs", inputs)).status())
                    .isEqualTo(201);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static String id(HubSpotTestClient.Reply reply) {
        assertThat(reply.status()).as(reply.raw().body()).isBetween(200, 201);
        return reply.json().path("id").asString();
    }

    @Test
    void edits_through_the_api_arrive_as_verified_notices_of_the_portals_connection() throws Exception {
        // given
        Receiver receiver = receiver(request -> 200);
        HubSpotSandbox sandbox = sandbox(receiver, 0);
        HubSpotTestClient client = new HubSpotTestClient(sandbox);

        // when
        String contact = client.createContact("ada@webhook.example", Map.of("firstname", "Ada"));
        assertThat(client.patch("/crm/v3/objects/contacts/" + contact,
                Map.of("properties", Map.of("firstname", "Ada L.", "jobtitle", "Analyst"))).status()).isEqualTo(200);
        String company = id(client.post("/crm/v3/objects/companies", Map.of("properties",
                Map.of("name", "Engines Ltd", "domain", "engines.example"))));
        assertThat(client.post("/crm/v4/associations/contacts/companies/batch/associate/default", Map.of("inputs",
                List.of(Map.of("from", Map.of("id", contact), "to", Map.of("id", company))))).status())
                .isEqualTo(200);
        String loser = client.createContact("ada.duplicate@webhook.example", Map.of("phone", "+44 20 7946 0000"));
        assertThat(client.post("/crm/v3/objects/contacts/merge", Map.of("primaryObjectId", contact,
                "objectIdToMerge", loser)).status()).isEqualTo(200);
        String gone = client.createContact("forget@webhook.example", Map.of());
        assertThat(client.post("/crm/v3/objects/contacts/gdpr-delete", Map.of("objectId", gone)).status())
                .isEqualTo(204);
        assertThat(client.delete("/crm/v3/objects/companies/" + company).status()).isEqualTo(204);
        sandbox.restore("companies", company);

        // then
        var expected = List.of(tuple(Change.UPSERTED, ObjectType.CONTACT, contact, List.of()),
                tuple(Change.UPSERTED, ObjectType.COMPANY, company, List.of()),
                tuple(Change.MERGED, ObjectType.CONTACT, contact, List.of(loser)),
                tuple(Change.DELETED, ObjectType.CONTACT, gone, List.of()),
                tuple(Change.DELETED, ObjectType.COMPANY, company, List.of()));
        await("the notices of every edit", () -> receiver.notices.stream().map(n -> tuple(n.change(), n.type(),
                n.recordId(), n.mergedRecordIds())).toList().containsAll(expected));
        assertThat(receiver.refusals).isEmpty();
        Map<String, Long> kinds = new HashMap<>();
        receiver.events().forEach(e -> kinds.merge(e.path("subscriptionType").asString(), 1L, Long::sum));
        assertThat(kinds).containsKeys("contact.creation", "contact.propertyChange", "company.creation",
                "contact.associationChange", "company.associationChange", "contact.merge", "contact.privacyDeletion",
                "company.deletion", "company.restore");
        assertThat(receiver.events()).filteredOn(e -> e.path("propertyName").asString().equals("firstname")
                        && e.path("objectId").asString().equals(contact))
                .singleElement().satisfies(e -> assertThat(e.path("propertyValue").asString()).isEqualTo("Ada L."));
        assertThat(receiver.events()).filteredOn(e -> e.path("subscriptionType").asString().equals("company.restore"))
                .singleElement().satisfies(e -> assertThat(e.path("changeSource").asString()).isEqualTo("CRM_UI"));
        JsonNode creation = receiver.events().stream()
                .filter(e -> e.path("subscriptionType").asString().equals("contact.creation")).findFirst().get();
        assertThat(creation.path("attemptNumber").asInt()).isZero();
        assertThat(creation.path("changeSource").asString()).isEqualTo("INTEGRATION");
        assertThat(creation.path("sourceId").asString()).isEqualTo(Long.toString(TokenStore.PRIVATE_APP_ID));
        assertThat(creation.path("appId").asLong()).isEqualTo(TokenStore.APP_ID);
        assertThat(creation.path("portalId").asString()).isEqualTo(sandbox.info().get("hubId").toString());
        assertThat(creation.path("subscriptionId").asLong()).isPositive();
        assertThat(creation.path("eventId").isIntegralNumber()).isTrue();
    }

    @Test
    void many_changes_leave_in_shuffled_batches_of_at_most_100_and_show_in_the_stats() throws Exception {
        // given
        Receiver receiver = receiver(request -> 200);
        HubSpotSandbox sandbox = sandbox(receiver, 0);
        HubSpotTestClient client = new HubSpotTestClient(sandbox);

        // when: 150 contacts in two batch creates, well inside one batch window
        createContacts(client, "bulk", 150);

        // then
        await("150 creations", () -> receiver.notices.size() >= 150);
        assertThat(receiver.batches).allSatisfy(batch -> assertThat(batch.size()).isLessThanOrEqualTo(100));
        assertThat(receiver.batches).hasSizeGreaterThanOrEqualTo(2);
        JsonNode biggest = receiver.batches.stream().max(java.util.Comparator.comparingInt(JsonNode::size)).get();
        List<Long> order = new ArrayList<>();
        biggest.forEach(e -> order.add(e.path("eventId").asLong()));
        assertThat(order).as("HubSpot does not keep the order of events")
                .isNotEqualTo(order.stream().sorted().toList());
        JsonNode stats = new HubSpotTestClient(sandbox).get("/_sandbox/stats").json().path("webhooks");
        assertThat(stats.path("events").asLong()).isEqualTo(150);
        assertThat(stats.path("deliveredEvents").asLong()).isEqualTo(150);
        assertThat(stats.path("attempts").path("200").asLong()).isEqualTo(receiver.requests.get());
    }

    @Test
    void no_more_requests_are_in_flight_at_once_than_the_app_allows() throws Exception {
        // given: a slow receiver, and an app allowing 2 requests at once (HubSpot: 10)
        Receiver receiver = receiver(answerAfter(300, request -> true));
        HubSpotSandbox sandbox = sandbox(receiver, fast().withBatchWindow(Duration.ofMillis(300))
                .withMaxConcurrentRequests(2));

        // when: 400 creations, four batches of 100 ready at once
        createContacts(new HubSpotTestClient(sandbox), "busy", 400);

        // then
        await("400 creations", () -> receiver.notices.size() >= 400);
        assertThat(receiver.mostInFlight.get()).isEqualTo(2);
    }

    @Test
    void a_receiver_answering_500_twice_then_200_gets_the_events_on_the_third_attempt() throws Exception {
        // given
        Receiver receiver = receiver(request -> request <= 2 ? 500 : 200);
        HubSpotSandbox sandbox = sandbox(receiver, 0);

        // when
        String contact = new HubSpotTestClient(sandbox).createContact("retry@webhook.example", Map.of());

        // then
        await("the delivery", () -> !receiver.notices.isEmpty());
        assertThat(receiver.requests.get()).isEqualTo(3);
        assertThat(receiver.notices).extracting(CrmChangeNotice::recordId).containsExactly(contact);
        assertThat(receiver.events()).extracting(e -> e.path("attemptNumber").asInt()).containsExactly(2);
        JsonNode stats = new HubSpotTestClient(sandbox).get("/_sandbox/stats").json().path("webhooks");
        assertThat(stats.path("attempts").path("500").asLong()).isEqualTo(2);
        assertThat(stats.path("retries").asLong()).isEqualTo(2);
    }

    @Test
    void a_receiver_slower_than_the_timeout_fails_the_attempt_and_gets_the_batch_again() throws Exception {
        // given: the first answer takes 600 ms, the sandbox waits 200 ms (HubSpot: 5 s)
        Receiver receiver = receiver(answerAfter(600, request -> request == 1));
        HubSpotSandbox sandbox = sandbox(receiver, fast().withTimeout(Duration.ofMillis(200)));

        // when
        new HubSpotTestClient(sandbox).createContact("slow@webhook.example", Map.of());

        // then: the late first answer still delivered it once; the retry delivers it again
        await("the retry", () -> receiver.notices.size() >= 2);
        JsonNode stats = new HubSpotTestClient(sandbox).get("/_sandbox/stats").json().path("webhooks");
        assertThat(stats.path("attempts").path("timeout").asLong()).isEqualTo(1);
        assertThat(receiver.events()).extracting(e -> e.path("attemptNumber").asInt()).contains(0, 1);
    }

    @Test
    void at_duplicate_rate_one_every_batch_arrives_twice_and_its_notices_keep_their_event_ids() throws Exception {
        // given
        Receiver receiver = receiver(request -> 200);
        HubSpotSandbox sandbox = sandbox(receiver, 1.0);

        // when
        new HubSpotTestClient(sandbox).createContact("twice@webhook.example", Map.of());

        // then
        await("two deliveries", () -> receiver.notices.size() >= 2);
        assertThat(receiver.notices).hasSize(2);
        assertThat(receiver.notices.get(0)).isEqualTo(receiver.notices.get(1));
        assertThat(new HubSpotTestClient(sandbox).get("/_sandbox/stats").json().path("webhooks")
                .path("duplicatedBatches").asLong()).isEqualTo(1);
    }

    @Test
    void faults_of_the_sandbox_strike_deliveries_which_are_retried_until_they_pass() throws Exception {
        // given
        Receiver receiver = receiver(request -> 200);
        HubSpotSandbox sandbox = sandbox(receiver, fast().withBatchWindow(Duration.ofMillis(500)));
        HubSpotTestClient client = new HubSpotTestClient(sandbox);

        // when: every request meets a dropped connection from the moment the contact is made
        String contact = client.createContact("faulty@webhook.example", Map.of());
        sandbox.server().faults(new FaultPlan(Duration.ZERO, 1.0, 0, 0, 1, 0, Duration.ofSeconds(30)));
        await("two failed attempts", () -> client.get("/_sandbox/stats").json().path("webhooks").path("attempts").path("fault").asLong() >= 2);
        int arrivedDuringFaults = receiver.requests.get();
        sandbox.server().faults(FaultPlan.NONE);

        // then
        assertThat(arrivedDuringFaults).isZero();
        await("the delivery once the faults stop", () -> !receiver.notices.isEmpty());
        assertThat(receiver.notices).extracting(CrmChangeNotice::recordId).containsExactly(contact);
        assertThat(receiver.events()).extracting(e -> e.path("attemptNumber").asInt())
                .allSatisfy(attempt -> assertThat(attempt).isGreaterThanOrEqualTo(2));
    }

    @Test
    void a_delivery_whose_answer_a_fault_loses_is_sent_again() throws Exception {
        // given
        Receiver receiver = receiver(request -> 200);
        HubSpotSandbox sandbox = sandbox(receiver, fast().withBatchWindow(Duration.ofMillis(500)));
        String contact = new HubSpotTestClient(sandbox).createContact("lost@webhook.example", Map.of());

        // when: the first attempt reaches the receiver, then its answer is lost
        sandbox.server().faults(new FaultPlan(Duration.ZERO, 1.0, 0, 0, 0, 0, Duration.ZERO, 1, 0));
        await("a delivery", () -> receiver.requests.get() >= 1);
        sandbox.server().faults(FaultPlan.NONE);

        // then
        await("the delivery again", () -> receiver.notices.size() >= 2);
        assertThat(receiver.notices).extracting(CrmChangeNotice::recordId).containsOnly(contact);
    }

    @Test
    void without_a_target_url_nothing_is_sent_and_one_set_later_receives_later_changes() throws Exception {
        // given
        Receiver receiver = receiver(request -> 200);
        HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults(), HubSpotSettings.defaults()
                .withWebhooks(HubSpotWebhookSettings.defaults().withBatchWindow(Duration.ofMillis(50))));
        started.add(sandbox);
        receiver.accept(sandbox);
        HubSpotTestClient client = new HubSpotTestClient(sandbox);
        client.createContact("unheard@webhook.example", Map.of());
        Thread.sleep(300);

        // when
        sandbox.deliverWebhooksTo(receiver.url());
        String heard = client.createContact("heard@webhook.example", Map.of());

        // then
        await("the later change", () -> !receiver.notices.isEmpty());
        Thread.sleep(300);
        assertThat(receiver.notices).extracting(CrmChangeNotice::recordId).containsExactly(heard);
        assertThat(sandbox.info().get("webhooks").toString()).contains(receiver.url().toString());
    }
}
