package com.penguinmails.crmsync.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.penguinmails.crmsync.connector.fake.FakeCrmWebhooks;
import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.job.support.LockTarget;
import com.penguinmails.crmsync.job.support.RunLocks;
import com.penguinmails.crmsync.store.ChangeNoticeStore;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.Lifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code crm-sync serve} on a real PostgreSQL: webhook deliveries stored before the answer and applied once through
 * contact-sync's real-time entry point (a recording stand-in here), refusals answered with problem bodies that store
 * nothing, and dispatch across replicas: every notice once and in order per connection, a replica frozen mid-batch
 * taken over, a connection held by a run waited for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger TENANTS = new AtomicInteger();

    private final TestDatabase.Database db = TestDatabase.create("serve");
    private final List<RecordingInbound.Applied> applied = RecordingInbound.newLog();
    private Path keyset;
    private ServeReplica first;
    private JdbcClient jdbc;

    @BeforeAll
    void startTheFirstReplica() throws Exception {
        keyset = Files.createTempDirectory("serve-it").resolve("keyset.json");
        // one delivery at a time: the tests post one after the other, and a slow sender shows the limit
        first = ServeReplica.start(db, keyset, "first", new RecordingInbound("first", applied),
                Map.of("crmsync.serve.max-concurrent-deliveries", "1"));
        jdbc = first.bean(JdbcClient.class);
    }

    @AfterAll
    void stop() {
        if (first != null) {
            first.close();
        }
    }

    @Test
    void livenessAndReadinessAreUpOnceTheDatabaseIsMigratedAndDispatchRuns() throws Exception {
        // when
        HttpResponse<String> liveness = first.get("/actuator/health/liveness");
        HttpResponse<String> readiness = first.get("/actuator/health/readiness");

        // then
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(liveness.body()).path("status").asString()).isEqualTo("UP");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(readiness.body()).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void aDeliveryIsStoredBeforeTheAnswerAndAppliedOnceAndItsRepeatIsStoredNoMore() throws Exception {
        // given
        long connection = connect(ServeReplica.SIGNED, "portal-stored");
        String delivery = delivery("portal-stored", "stored", 0, 2);

        // when
        HttpResponse<String> answer = first.postSigned(delivery);

        // then: stored when answered
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("stored").asInt()).isEqualTo(2);
        assertThat(noticeCount(connection)).isEqualTo(2);
        awaitApplied(connection, 2);
        assertThat(eventIdsApplied(connection)).containsExactly("stored-0", "stored-1");

        // when: the CRM delivers it again
        HttpResponse<String> again = first.postSigned(delivery);

        // then
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("stored").asInt()).isZero();
        Thread.sleep(800);
        assertThat(noticeCount(connection)).isEqualTo(2);
        assertThat(eventIdsApplied(connection)).containsExactly("stored-0", "stored-1");
        assertThat(first.bean(MeterRegistry.class).counter("crmsync.webhooks.accepted", "crm",
                ServeReplica.SIGNED.id()).count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theUrlTheIngressWasCalledAtIsTheOneTheSignatureCovers() throws Exception {
        // given: a delivery signed for the public address, forwarded by the Ingress
        long connection = connect(ServeReplica.SIGNED, "portal-forwarded");
        byte[] body = delivery("portal-forwarded", "fwd", 0, 1).getBytes(StandardCharsets.UTF_8);
        String signature = FakeCrmWebhooks.sign(ServeReplica.APP_SECRET, "POST",
                "https://hooks.example.com/webhooks/fakesigned", body);

        // when
        HttpResponse<String> answer = first.post("/webhooks/fakesigned", Map.of(FakeCrmWebhooks.SIGNATURE, signature,
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "hooks.example.com"), body);

        // then
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(noticeCount(connection)).isEqualTo(1);
    }

    @Test
    void aPerConnectionDeliveryWithItsBasicAuthIsStoredForThatConnection() throws Exception {
        // given
        long connection = connect(ServeReplica.BASIC, "basic-good");
        byte[] body = delivery("ignored", "basic", 0, 3).getBytes(StandardCharsets.UTF_8);

        // when
        HttpResponse<String> answer = first.post("/webhooks/fakebasic/" + connection,
                Map.of("Authorization", basic(connection, ServeReplica.WEBHOOK_PASSWORD)), body);

        // then
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(noticeCount(connection)).isEqualTo(3);
        awaitApplied(connection, 3);
    }

    @Test
    void refusedDeliveriesAreAnsweredWithAProblemNamingTheFaultAndStoreNothing() throws Exception {
        // given
        long signed = connect(ServeReplica.SIGNED, "portal-refused");
        long perConnection = connect(ServeReplica.BASIC, "basic-refused");
        byte[] good = delivery("portal-refused", "refused", 0, 1).getBytes(StandardCharsets.UTF_8);
        byte[] notJson = "{not json".getBytes(StandardCharsets.UTF_8);
        String signedPath = "/webhooks/fakesigned";
        double refusedBefore = refused("fakesigned", "unauthorized");

        // when / then
        assertProblem(first.post(signedPath, Map.of(), good), 401, "X-Fake-Signature");
        assertProblem(first.post(signedPath, Map.of(FakeCrmWebhooks.SIGNATURE, "00"), good), 401, "X-Fake-Signature");
        assertProblem(first.post(signedPath, Map.of(FakeCrmWebhooks.SIGNATURE, FakeCrmWebhooks.sign(
                ServeReplica.APP_SECRET, "POST", first.uri(signedPath).toString(), notJson)), notJson), 400, "JSON");
        assertProblem(first.post("/webhooks/nosuchcrm", Map.of(), good), 404, "CRM");
        assertProblem(first.post("/webhooks/fakebasic/987654", Map.of(), good), 404, "987654");
        assertProblem(first.post("/webhooks/fakebasic/abc", Map.of(), good), 404, "not a number");
        assertProblem(first.post("/webhooks/fakebasic/" + perConnection,
                Map.of("Authorization", basic(perConnection, "wrong")), good), 401, "Authorization");
        byte[] oversized = new byte[ServeReplica.MAX_BODY_BYTES + 1];
        assertProblem(first.post("/webhooks/fakebasic/" + perConnection,
                Map.of("Authorization", basic(perConnection, ServeReplica.WEBHOOK_PASSWORD)), oversized), 413,
                "larger");
        assertThat(noticeCount(signed)).isZero();
        assertThat(noticeCount(perConnection)).isZero();
        assertThat(refused("fakesigned", "unauthorized")).isEqualTo(refusedBefore + 2);
    }

    @Test
    void moreConcurrentDeliveriesThanAllowedAreAnswered429UntilOneEnds() throws Exception {
        // given: a sender that is slow to send its body holds the only delivery slot
        long connection = connect(ServeReplica.SIGNED, "portal-flood");
        byte[] good = delivery("portal-flood", "flood", 0, 1).getBytes(StandardCharsets.UTF_8);
        AtomicReference<HttpResponse<String>> refused = new AtomicReference<>();
        // a loaded machine may let the server drop a slow sender before a delivery meets it: send another one then
        for (int attempt = 1; attempt <= 3 && refused.get() == null; attempt++) {
            try (Socket slow = new Socket("localhost", first.port)) {
                OutputStream out = slow.getOutputStream();
                out.write(("POST /webhooks/fakesigned HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                        + "\r\nContent-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                out.flush();

                // when
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (refused.get() == null && System.nanoTime() < deadline) {
                    HttpResponse<String> answer = first.postSigned(new String(good, StandardCharsets.UTF_8));
                    if (answer.statusCode() == 429) {
                        refused.set(answer);
                    } else {
                        Thread.sleep(50);
                    }
                }
            }
        }

        // then
        assertThat(refused.get()).as("a delivery refused while the slot is held").isNotNull();
        assertProblem(refused.get(), 429, "at once");
        assertThat(refused.get().headers().firstValue("Retry-After")).isPresent();
        await("the slot is free once the slow sender has gone", () -> {
            try {
                return first.postSigned(new String(good, StandardCharsets.UTF_8)).statusCode() == 200;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(noticeCount(connection)).isEqualTo(1);
    }

    @Test
    void aConnectionHeldByARunIsAppliedOnceTheRunLetsItGo() throws Exception {
        // given: a contact-sync run holds the connection
        long connection = connect(ServeReplica.SIGNED, "portal-held");
        RunLocks locks = first.bean(RunLocks.class);
        try (RunLocks.Lease run = locks.tryLease(ContactSyncJobConfiguration.JOB_NAME,
                LockTarget.connection(connection)).orElseThrow()) {
            // when
            assertThat(first.postSigned(delivery("portal-held", "held", 0, 2)).statusCode()).isEqualTo(200);
            Thread.sleep(1500);

            // then: waited for, not lost
            assertThat(eventIdsApplied(connection)).isEmpty();
            assertThat(first.bean(ChangeNoticeStore.class).counts(connection).pending()).isEqualTo(2);
        }
        awaitApplied(connection, 2);
        assertThat(eventIdsApplied(connection)).containsExactly("held-0", "held-1");
    }

    @Test
    void aConnectionWideFailureIsCountedAndRetriedWithBackoffUntilApplied() throws Exception {
        // given: the CRM fails the next two attempts
        long connection = connect(ServeReplica.SIGNED, "portal-failing");
        first.inbound.failNext(2);

        // when
        assertThat(first.postSigned(delivery("portal-failing", "failing", 0, 2)).statusCode()).isEqualTo(200);

        // then
        awaitApplied(connection, 2);
        assertThat(eventIdsApplied(connection)).containsExactly("failing-0", "failing-1");
        List<Map<String, Object>> notices = jdbc.sql("""
                        SELECT attempts, last_failure FROM crm_sync.change_notices WHERE connection_id = :c""")
                .param("c", connection).query().listOfRows();
        assertThat(notices).allSatisfy(notice -> {
            assertThat(notice.get("attempts")).isEqualTo(2);
            assertThat((String) notice.get("last_failure")).contains("IllegalStateException")
                    .doesNotContain("ada@example.com");
        });
    }

    @Test
    void twoReplicasApplyEveryNoticeOnceAndEachConnectionsInOrder() throws Exception {
        // given: three connections, a second replica
        List<String> portals = List.of("portal-a", "portal-b", "portal-c");
        List<Long> connections = new ArrayList<>();
        for (String portal : portals) {
            connections.add(connect(ServeReplica.SIGNED, portal));
        }
        try (ServeReplica second = ServeReplica.start(db, keyset, "second",
                new RecordingInbound("second", applied), Map.of())) {
            // when: 100 notices per connection, ten per delivery, deliveries alternating between the replicas
            for (int delivery = 0; delivery < 10; delivery++) {
                for (String portal : portals) {
                    ServeReplica replica = delivery % 2 == 0 ? first : second;
                    HttpResponse<String> answer = replica.postSigned(delivery(portal, portal, delivery * 10, 10));
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                }
            }

            // then
            for (int i = 0; i < portals.size(); i++) {
                String portal = portals.get(i);
                awaitApplied(connections.get(i), 100);
                assertThat(eventIdsApplied(connections.get(i))).containsExactlyElementsOf(
                        IntStream.range(0, 100).mapToObj(n -> portal + "-" + n).toList());
            }
            assertThat(applied.stream().filter(a -> connections.contains(a.connectionId()))
                    .map(RecordingInbound.Applied::replica).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("first", "second");

            // and: a replica whose dispatch stopped is no longer ready
            second.context.getBean("dispatchScheduler", Lifecycle.class).stop();
            assertThat(second.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void aReplicaFrozenBetweenStoringAndApplyingIsTakenOverAndNothingIsLost() throws Exception {
        // given: the first replica's dispatch paused; a doomed replica stores a delivery and hangs applying it
        long connection = connect(ServeReplica.SIGNED, "portal-doomed");
        Scheduler firstDispatch = first.bean(Scheduler.class);
        firstDispatch.pause();
        RecordingInbound doomedInbound = new RecordingInbound("doomed", applied);
        doomedInbound.hang();
        ServeReplica doomed = ServeReplica.start(db, keyset, "doomed", doomedInbound, Map.of());
        try {
            assertThat(doomed.postSigned(delivery("portal-doomed", "doomed", 0, 3)).statusCode()).isEqualTo(200);
            assertThat(doomedInbound.awaitEntered(30)).as("the doomed replica began applying").isTrue();

            // when: it dies (its database sessions end, its heartbeats stop); the first replica works again
            doomed.bean(DataSource.class).unwrap(HikariDataSource.class).close();
            firstDispatch.resume();

            // then
            awaitApplied(connection, 3);
            assertThat(applied.stream().filter(a -> a.connectionId() == connection)
                    .map(RecordingInbound.Applied::replica)).containsOnly("first");
            assertThat(eventIdsApplied(connection)).containsExactly("doomed-0", "doomed-1", "doomed-2");
        } finally {
            firstDispatch.resume();
            doomedInbound.release();
            doomed.close();
        }
    }

    @Test
    void aReplicaShuttingDownFinishesItsBatchAndHandsTheRestBack() throws Exception {
        // given: the first replica paused; a leaving replica applies one slow notice at a time
        long connection = connect(ServeReplica.SIGNED, "portal-leaving");
        Scheduler firstDispatch = first.bean(Scheduler.class);
        firstDispatch.pause();
        RecordingInbound leavingInbound = new RecordingInbound("leaving", applied);
        leavingInbound.slow(300);
        try (ServeReplica leaving = ServeReplica.start(db, keyset, "leaving", leavingInbound,
                Map.of("crmsync.serve.dispatch.batch-size", "1"))) {
            assertThat(leaving.postSigned(delivery("portal-leaving", "leaving", 0, 6)).statusCode()).isEqualTo(200);
            await("the leaving replica applied a notice", () -> !eventIdsApplied(connection).isEmpty());
            ApplicationAvailability availability = leaving.bean(ApplicationAvailability.class);

            // when: it is shut down mid-drain
            leaving.close();

            // then: it left readiness; what it applied is marked, the rest is pending and its task free for another
            assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
            int appliedByLeaving = eventIdsApplied(connection).size();
            assertThat(appliedByLeaving).isBetween(1, 5);
            assertThat(first.bean(ChangeNoticeStore.class).counts(connection))
                    .isEqualTo(new ChangeNoticeStore.Counts(6 - appliedByLeaving, appliedByLeaving));
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM crm_sync.scheduled_tasks
                            WHERE task_name = 'apply-change-notices' AND task_instance = :c AND NOT picked""")
                    .param("c", Long.toString(connection)).query(Long.class).single()).isEqualTo(1);
        } finally {
            firstDispatch.resume();
        }
        awaitApplied(connection, 6);
        assertThat(eventIdsApplied(connection)).containsExactly("leaving-0", "leaving-1", "leaving-2", "leaving-3",
                "leaving-4", "leaving-5");
    }

    private long connect(CrmKind crm, String account) {
        String tenant = "serve-tenant-" + TENANTS.incrementAndGet();
        SandboxConnections.tenant(jdbc, tenant, "Serve " + tenant);
        return first.bean(ConnectionStore.class).add(tenant, crm, account, Map.of());
    }

    /** A fake CRM delivery of {@code count} UPSERTED contact events, ids {@code prefix-from} on. */
    private static String delivery(String account, String prefix, int from, int count) {
        String events = IntStream.range(from, from + count)
                .mapToObj(n -> "{\"id\":\"" + prefix + "-" + n + "\",\"type\":\"CONTACT\",\"change\":\"UPSERTED\","
                        + "\"record\":\"rec-" + n + "\",\"at\":\"2026-11-01T00:00:00Z\"}")
                .collect(Collectors.joining(","));
        return "{\"account\":\"" + account + "\",\"events\":[" + events + "]}";
    }

    private static String basic(long connection, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((connection + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    private long noticeCount(long connection) {
        return jdbc.sql("SELECT count(*) FROM crm_sync.change_notices WHERE connection_id = :c")
                .param("c", connection).query(Long.class).single();
    }

    private List<String> eventIdsApplied(long connection) {
        synchronized (applied) {
            return applied.stream().filter(a -> a.connectionId() == connection)
                    .flatMap(a -> a.notices().stream()).map(CrmChangeNotice::eventId).toList();
        }
    }

    private double refused(String crm, String reason) {
        return first.bean(MeterRegistry.class).counter("crmsync.webhooks.refused", "crm", crm, "reason", reason)
                .count();
    }

    private void awaitApplied(long connection, int notices) throws InterruptedException {
        ChangeNoticeStore store = first.bean(ChangeNoticeStore.class);
        await("connection " + connection + " has " + notices + " notices applied",
                () -> store.counts(connection).equals(new ChangeNoticeStore.Counts(0, notices))
                        && eventIdsApplied(connection).size() >= notices);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 45 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String detailNames) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("type").asString()).startsWith("https://");
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).contains(detailNames).doesNotContain(ServeReplica.APP_SECRET)
                .doesNotContain(ServeReplica.WEBHOOK_PASSWORD);
    }
}
