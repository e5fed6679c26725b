package com.penguinmails.crmsync.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox's Pipedrive webhooks: the {@code /api/v1/webhooks} API, and deliveries of v2 payloads with Basic auth to
 * a receiver of the test, retried after 3, 30 and 150 s (scaled down), banned after ten failed first attempts (their retries and new events lost meanwhile), deleted
 * after three days without success, struck by the fault plan.
 */
class PipedriveWebhookSandboxIT {

    /** Pipedrive's delays times 0.01: 30 ms, 300 ms, 1.5 s. */
    static final double SCALE = 0.01;

    PipedriveSandbox sandbox;
    PipedriveHttp api;
    Receiver receiver;

    /** A loopback receiver that records each delivery and answers {@code status} (200 unless set). */
    static final class Receiver implements AutoCloseable {

        record Delivery(Instant at, @Nullable String authorization, JsonNode body) {
        }

        final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        final AtomicInteger status = new AtomicInteger(200);
        final HttpServer server;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.createContext("/", exchange -> {
                try (exchange) {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    deliveries.add(new Delivery(Instant.now(), exchange.getRequestHeaders().getFirst("Authorization"),
                            SandboxResponse.jsonMapper().readTree(body)));
                    exchange.sendResponseHeaders(status.get(), -1);
                }
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        List<JsonNode> metas() {
            return deliveries.stream().map(d -> d.body().get("meta")).toList();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @BeforeEach
    void start() throws IOException {
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.ENTERPRISE)
                .withSeedContacts(5));
        sandbox.webhookRetryScale(SCALE);
        api = PipedriveHttp.withApiToken(sandbox);
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.close();
    }

    long subscribe(String object, String action) {
        PipedriveHttp.Answer created = api.post("/api/v1/webhooks", """
                {"subscription_url":"%s","event_action":"%s","event_object":"%s","version":"2.0",
                 "http_auth_user":"hook-user","http_auth_password":"hook-pass","name":"test"}"""
                .formatted(receiver.url("/hooks/7"), action, object));
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        return created.json().get("data").get("id").asLong();
    }

    long createPerson(String name) {
        return api.post("/api/v2/persons", "{\"name\":\"" + name + "\"}").json().get("data").get("id").asLong();
    }

    @Test
    void webhooksAreCreatedListedAndDeletedLikePipedrives() {
        // when
        long id = subscribe("person", "*");

        // then
        JsonNode listed = api.get("/api/v1/webhooks").json();
        assertThat(listed.get("success").asBoolean()).isTrue();
        JsonNode webhook = listed.get("data").get(0);
        assertThat(webhook.get("id").asLong()).isEqualTo(id);
        assertThat(webhook.get("subscription_url").asString()).isEqualTo(receiver.url("/hooks/7"));
        assertThat(webhook.get("event_action").asString()).isEqualTo("*");
        assertThat(webhook.get("event_object").asString()).isEqualTo("person");
        assertThat(webhook.get("version").asString()).isEqualTo("2.0");
        assertThat(webhook.get("is_active").asInt()).isEqualTo(1);
        assertThat(webhook.get("http_auth_user").asString()).isEqualTo("hook-user");
        assertThat(webhook.get("last_delivery_time").isNull()).isTrue();
        assertThat(webhook.has("last_http_status")).isTrue();

        assertThat(api.delete("/api/v1/webhooks/" + id).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/webhooks").json().get("data")).isEmpty();
        assertThat(api.delete("/api/v1/webhooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void invalidWebhooksAreRefusedWith400AndAUserHasAtMost40() {
        String valid = "{\"subscription_url\":\"%s\",\"event_action\":\"*\",\"event_object\":\"person\"}"
                .formatted(receiver.url("/h"));
        assertThat(api.post("/api/v1/webhooks", "{\"event_action\":\"*\",\"event_object\":\"person\"}").status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/webhooks", valid.replace(receiver.url("/h"), "not a url")).status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/webhooks", valid.replace("\"*\"", "\"merge\"")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/webhooks", valid.replace("person", "contact")).status()).isEqualTo(400);
        PipedriveHttp.Answer badVersion = api.post("/api/v1/webhooks", valid.replace("}", ",\"version\":\"3.0\"}"));
        assertThat(badVersion.status()).isEqualTo(400);
        assertThat(badVersion.json().get("success").asBoolean()).isFalse();
        assertThat(badVersion.json().get("error").asString()).contains("version");
        assertThat(PipedriveHttp.anonymous(sandbox).get("/api/v1/webhooks").status()).isEqualTo(401);

        for (int i = 0; i < 40; i++) {
            assertThat(api.post("/api/v1/webhooks", valid).status()).isEqualTo(201);
        }
        assertThat(api.post("/api/v1/webhooks", valid).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/webhooks").json().get("data")).hasSize(40);
    }

    @Test
    void personChangesAreDeliveredAsV2PayloadsWithBasicAuth() {
        // given
        long webhookId = subscribe("person", "*");

        // when a person is created, changed and deleted, and an organization changed (not subscribed)
        long id = createPerson("Ada Webhook");
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries.size() == 1);
        api.patch("/api/v2/persons/" + id, "{\"name\":\"Ada Changed\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries.size() == 2);
        api.patch("/api/v2/organizations/1", "{\"name\":\"Org Changed\"}");
        api.delete("/api/v2/persons/" + id);
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries.size() == 3);

        // then
        assertThat(receiver.deliveries).allSatisfy(d -> assertThat(d.authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("hook-user:hook-pass".getBytes(StandardCharsets.UTF_8))));
        JsonNode create = receiver.deliveries.get(0).body();
        assertThat(create.get("meta").get("action").asString()).isEqualTo("create");
        assertThat(create.get("meta").get("entity").asString()).isEqualTo("person");
        assertThat(create.get("meta").get("entity_id").asString()).isEqualTo(Long.toString(id));
        assertThat(create.get("meta").get("version").asString()).isEqualTo("2.0");
        assertThat(create.get("meta").get("webhook_id").asString()).isEqualTo(Long.toString(webhookId));
        assertThat(create.get("meta").get("change_source").asString()).isEqualTo("api");
        assertThat(create.get("meta").get("attempt").asInt()).isEqualTo(1);
        assertThat(create.get("meta").get("id").asString()).isNotBlank();
        assertThat(create.get("meta").get("timestamp").asString()).isNotBlank();
        assertThat(create.get("data").get("name").asString()).isEqualTo("Ada Webhook");
        assertThat(create.get("previous").isNull()).isTrue();
        JsonNode change = receiver.deliveries.get(1).body();
        assertThat(change.get("meta").get("action").asString()).isEqualTo("change");
        assertThat(change.get("previous").get("name").asString()).isEqualTo("Ada Webhook");
        assertThat(change.get("data").get("name").asString()).isEqualTo("Ada Changed");
        JsonNode delete = receiver.deliveries.get(2).body();
        assertThat(delete.get("meta").get("action").asString()).isEqualTo("delete");
        assertThat(delete.get("data").isNull()).isTrue();
        assertThat(delete.get("meta").has("merged_to_id")).isFalse();
        JsonNode listed = api.get("/api/v1/webhooks").json().get("data").get(0);
        assertThat(listed.get("last_http_status").asInt()).isEqualTo(200);
        assertThat(listed.get("last_delivery_time").isNull()).isFalse();
        assertThat(sandbox.webhookStats()).containsEntry("delivered", 3L);
        assertThat(api.get("/_sandbox/stats").json().get("webhookDeliveries").get("delivered").asLong())
                .isEqualTo(3);
    }

    @Test
    void aMergeIsTheLosersDeleteWithMergedToIdAndTheSurvivorsChange() {
        // given
        subscribe("person", "*");
        long survivor = createPerson("Survivor");
        long loser = createPerson("Loser");
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries.size() == 2);
        receiver.deliveries.clear();

        // when
        api.put("/api/v1/persons/" + loser + "/merge", "{\"merge_with_id\":" + survivor + "}");

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries.size() == 2);
        assertThat(receiver.metas()).anySatisfy(meta -> {
            assertThat(meta.get("action").asString()).isEqualTo("delete");
            assertThat(meta.get("entity_id").asString()).isEqualTo(Long.toString(loser));
            assertThat(meta.get("merged_to_id").asString()).isEqualTo(Long.toString(survivor));
        }).anySatisfy(meta -> {
            assertThat(meta.get("action").asString()).isEqualTo("change");
            assertThat(meta.get("entity_id").asString()).isEqualTo(Long.toString(survivor));
        });
    }

    @Test
    void onlyTheSubscribedActionsAndObjectsAreDelivered() {
        // given
        subscribe("organization", "create");

        // when
        createPerson("Not delivered");
        api.patch("/api/v2/organizations/1", "{\"name\":\"Not delivered either\"}");
        long org = api.post("/api/v2/organizations", "{\"name\":\"Delivered Org\"}").json().get("data").get("id")
                .asLong();

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries.size() == 1);
        JsonNode meta = receiver.deliveries.get(0).body().get("meta");
        assertThat(meta.get("entity").asString()).isEqualTo("organization");
        assertThat(meta.get("entity_id").asString()).isEqualTo(Long.toString(org));
    }

    @Test
    void aFailedDeliveryIsRetriedAfter3_30And150SecondsScaled() {
        // given
        subscribe("person", "*");
        receiver.status.set(503);

        // when
        createPerson("Retried");

        // then: the first attempt and three retries, each later by the scaled delay, the same event each time
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries.size() == 4);
        List<Instant> at = receiver.deliveries.stream().map(Receiver.Delivery::at).toList();
        assertThat(Duration.between(at.get(0), at.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(30));
        assertThat(Duration.between(at.get(1), at.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(Duration.between(at.get(2), at.get(3))).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(receiver.metas()).extracting(m -> m.get("attempt").asInt()).containsExactly(1, 2, 3, 4);
        assertThat(receiver.metas()).extracting(m -> m.get("id").asString()).containsOnly(
                receiver.metas().get(0).get("id").asString());
        sleep(Duration.ofMillis(2000));
        assertThat(receiver.deliveries).hasSize(4);
        assertThat(api.get("/api/v1/webhooks").json().get("data").get(0).get("last_http_status").asInt())
                .isEqualTo(503);
    }

    @Test
    void aRetrySucceedsOnceTheReceiverIsBack() {
        // given
        firstAttemptFailsByTheReceiver("Back");

        // when
        receiver.status.set(200);

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries.size() == 2);
        sleep(Duration.ofMillis(2000));
        assertThat(receiver.deliveries).hasSize(2);
        assertThat(sandbox.webhookStats()).containsEntry("delivered", 1L).containsEntry("failed", 1L);
    }

    @Test
    void tenFailedFirstAttemptsInARowBanTheWebhookFor30MinutesAndItsEventsAreLost() {
        // given
        subscribe("person", "*");
        sandbox.webhookRetryScale(1); // the first retries come 3 s later, in the ban
        receiver.status.set(500);
        for (int i = 0; i < 10; i++) {
            createPerson("Failing " + i);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries.size() == 10);
        assertThat(api.get("/api/v1/webhooks").json().get("data").get(0).get("is_active").asInt()).isZero();
        receiver.status.set(200);

        // when a change is made during the ban
        long lostBefore = sandbox.webhookStats().get("lostWhileBanned");
        createPerson("Lost");
        sleep(Duration.ofMillis(3500));

        // then neither it nor the retries of the failed ones are delivered; after 30 minutes the webhook delivers again
        assertThat(receiver.deliveries).hasSize(10);
        assertThat(sandbox.webhookStats().get("lostWhileBanned")).isGreaterThan(lostBefore);
        sandbox.server().clock().advance(Duration.ofMinutes(31));
        createPerson("Delivered again");
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries.size() == 11);
        assertThat(receiver.deliveries.get(10).body().get("data").get("name").asString()).isEqualTo(
                "Delivered again");
        assertThat(api.get("/api/v1/webhooks").json().get("data").get(0).get("is_active").asInt()).isEqualTo(1);
    }

    @Test
    void threeDaysWithoutASuccessfulDeliveryDeleteTheWebhook() {
        // given a webhook whose deliveries fail
        subscribe("person", "*");
        receiver.status.set(500);

        // when three days pass on the sandbox clock and a delivery fails again
        sandbox.server().clock().advance(Duration.ofDays(3));
        createPerson("Too late");

        // then Pipedrive deletes the webhook: no retries, gone from the list
        await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/api/v1/webhooks").json().get("data").isEmpty());
        sleep(Duration.ofMillis(500));
        assertThat(receiver.deliveries).hasSize(1);
    }

    @Test
    void theControlEndpointDeletesAWebhookAsPipedrive() {
        // given
        long id = subscribe("person", "*");

        // when
        PipedriveHttp.Answer answer = PipedriveHttp.anonymous(sandbox).post("/_sandbox/webhooks",
                "{\"delete\":" + id + "}");

        // then
        assertThat(answer.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/webhooks").json().get("data")).isEmpty();
        createPerson("Nobody hears");
        sleep(Duration.ofMillis(300));
        assertThat(receiver.deliveries).isEmpty();
        assertThat(PipedriveHttp.anonymous(sandbox).post("/_sandbox/webhooks", "{\"delete\":" + id + "}").status())
                .isEqualTo(404);
    }

    @Test
    void aFaultKeepsADeliveryFromTheReceiverAndALaterRetryBringsIt() {
        // given a first attempt the receiver fails, and retries 300 ms and 3 s later
        firstAttemptFailsByTheReceiver("Faulted");
        receiver.status.set(200);

        // when the second attempt meets a 5xx of the fault plan
        secondAttemptMeets(new FaultPlan(Duration.ZERO, 1.0, 1, 0, 0, 0, Duration.ZERO));

        // then it never reached the receiver, and the third did
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries.size() == 2);
        assertThat(receiver.metas()).extracting(m -> m.get("attempt").asInt()).containsExactly(1, 3);
        assertThat(sandbox.webhookStats()).containsEntry("delivered", 1L);
    }

    @Test
    void anAppliedThenLostFaultDeliversTheSameEventAgain() {
        // given a first attempt the receiver fails, and retries 300 ms and 3 s later
        firstAttemptFailsByTheReceiver("Twice");
        receiver.status.set(200);

        // when the second attempt reaches the receiver but its answer is lost
        secondAttemptMeets(new FaultPlan(Duration.ZERO, 1.0, 0, 0, 0, 0, Duration.ZERO, 1, 0));

        // then the receiver sees the same event a third time
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries.size() == 3);
        assertThat(receiver.metas()).extracting(m -> m.get("attempt").asInt()).containsExactly(1, 2, 3);
        assertThat(receiver.metas()).extracting(m -> m.get("id").asString()).containsOnly(
                receiver.metas().get(0).get("id").asString());
    }

    /** A person webhook, retries 300 ms and 3 s after a first attempt, and that attempt failed by the receiver. */
    private void firstAttemptFailsByTheReceiver(String name) {
        subscribe("person", "*");
        sandbox.webhookRetryScale(0.1);
        receiver.status.set(500);
        createPerson(name);
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries.size() == 1);
    }

    /** The fault plan strikes the second attempt, then is lifted. */
    private void secondAttemptMeets(FaultPlan plan) {
        sandbox.server().faults(plan);
        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.webhookStats().get("failed") == 2);
        sandbox.server().faults(FaultPlan.NONE);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
