package com.penguinmails.crmsync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.SyncJobIT;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real contact-sync run on the HubSpot sandbox, with JSON logs and a Pushgateway (a small local HTTP server): the
 * run's meters carry ids only, its partitions' log lines carry tenant, connection and execution, and its end pushes
 * the meters under the job's name.
 */
@SpringBootTest(properties = {"crmsync.log.format=json", "crmsync.metrics.instance=pod-1",
        "logging.level.com.penguinmails.crmsync.job.support.StepMetricsListener=DEBUG"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class SyncMetricsIT extends SyncJobIT {

    private static final int CONTACTS = 12;
    private static final HttpServer PUSHGATEWAY = pushgateway();
    private static final List<String> PUSHES = new CopyOnWriteArrayList<>();

    @AutoClose
    private static CrmDriver hubspot;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SandboxConnections.register(registry, "sync_metrics");
        registry.add("crmsync.metrics.pushgateway-url",
                () -> "http://127.0.0.1:" + PUSHGATEWAY.getAddress().getPort());
    }

    @Autowired
    SyncMetrics metrics;

    long connectionId;
    JobExecution execution;
    String logged = "";

    @BeforeAll
    void connect() {
        hubspot = CrmDriver.start(HubSpotConnectorProvider.KIND, CONTACTS);
        tenant("acme", "Acme");
        connectionId = hubspot.connect(registry, "acme", "hub-1");
    }

    @AfterAll
    void stopPushgateway() {
        PUSHGATEWAY.stop(0);
    }

    private static HttpServer pushgateway() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                PUSHES.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + "\n" + body);
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(1)
    void aContactSyncRunCompletesWithJsonLogLinesCarryingItsIds(CapturedOutput output) {
        // when
        execution = run(ContactSyncJobConfiguration.JOB_NAME, 2, "acme");
        logged = output.getErr();

        // then
        assertCompleted(execution);
        List<JsonNode> partitionLines = logged.lines().filter(line -> line.startsWith("{"))
                .map(line -> JsonMapper.shared().readTree(line))
                .filter(line -> line.path("log.logger").asString("").endsWith("StepMetricsListener")
                        || line.path("log").path("logger").asString("").endsWith("StepMetricsListener"))
                .toList();
        assertThat(partitionLines).as(logged).isNotEmpty();
        for (JsonNode line : partitionLines) {
            assertThat(line.path("tenant").asString()).as(line.toString()).isEqualTo("acme");
            assertThat(line.path("connection").asString()).as(line.toString()).isEqualTo(Long.toString(connectionId));
            assertThat(line.path("execution").asString()).as(line.toString())
                    .isEqualTo(Long.toString(execution.getId()));
        }
        assertThat(logged.lines().filter(line -> !line.isBlank()))
                .as("every log line is a JSON object").allMatch(line -> line.startsWith("{"));
    }

    @Test
    @Order(2)
    void theRunsMetersCountItsRecordsPerConnectionTaggedWithIdsOnly() {
        MeterRegistry meters = metrics.registry();
        String connection = Long.toString(connectionId);

        double writtenIn = meters.get(MeterNames.RECORDS).tag("tenant", "acme").tag("crm", "hubspot")
                .tag("connection", connection).tag("direction", "in").tag("outcome", "written").counter().count();
        // what the partition's step execution counted (contacts, and the companies HubSpot seeds with them)
        long inboundWrites = execution.getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith("contactInboundConnectionStep:"))
                .mapToLong(s -> s.getWriteCount()).sum();
        assertThat(inboundWrites).isGreaterThanOrEqualTo(CONTACTS);
        assertThat(writtenIn).isEqualTo(inboundWrites);
        assertThat(meters.get(MeterNames.RUNS).tag("connection", connection).tag("job", "contact-sync")
                .tag("outcome", "success").counters()).allMatch(c -> c.count() >= 1).isNotEmpty();
        assertThat(meters.find(MeterNames.RUNS).tag("outcome", "failure").counters()).isEmpty();
        assertThat(meters.get(MeterNames.STEP_DURATION).tag("connection", connection)
                .tag("step", "contactInboundConnectionStep").timer().count()).isEqualTo(1);
        assertThat(meters.get(MeterNames.JOB_DURATION).tag("job", "contact-sync").tag("status", "COMPLETED")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get(MeterNames.API_CALLS).tag("connection", connection).counter().count()).isPositive();

        Set<String> personal = new HashSet<>(jdbc.sql("""
                SELECT unnest(ARRAY[email, first_name, last_name]) FROM penguinmails.contacts
                WHERE tenant_id = 'acme'""").query(String.class).list());
        personal.remove(null);
        assertThat(personal).hasSizeGreaterThanOrEqualTo(CONTACTS);
        List<String> tagValues = meters.getMeters().stream().map(Meter::getId)
                .filter(id -> id.getName().startsWith("crmsync.")).flatMap(id -> id.getTags().stream())
                .map(Tag::getValue).toList();
        assertThat(tagValues).isNotEmpty().noneMatch(personal::contains).noneMatch(value -> value.contains("@"));
    }

    @Test
    @Order(3)
    void theRunsEndPushesItsMetersToThePushgatewayUnderTheJobsName() {
        assertThat(PUSHES).hasSize(1);
        String push = PUSHES.get(0);
        assertThat(push.lines().findFirst()).hasValue("PUT /metrics/job/contact-sync/instance/pod-1");
        assertThat(push).contains("crmsync_records_total{").contains("connection=\"" + connectionId + "\"")
                .contains("crmsync_job_duration_seconds_count{").contains("crmsync_sync_runs_total{");
    }
}
