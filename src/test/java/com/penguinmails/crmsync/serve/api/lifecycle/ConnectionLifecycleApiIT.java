package com.penguinmails.crmsync.serve.api.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.job.support.JobRunner;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.pipedrive.PipedriveSandbox;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.testing.ApiTokens;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.ServeApp;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A connection's lifecycle through a running {@code crm-sync serve}: activate, pause and disconnect (state, audit with
 * the caller, Pipedrive webhooks re-checked and removed), its sync frequency honoured by scheduled ({@code due})
 * runs, its API allocation pausing it until the quota resets without failing the run, and resync now.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionLifecycleApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PUBLIC_URL = "http://127.0.0.1:9/hooks";

    private final TestDatabase.Database db = TestDatabase.create("lifecycle_api");
    private PipedriveSandbox pipedrive;
    private HubSpotSandbox hubspot;
    private ServeApp app;
    private JdbcClient jdbc;
    private ConnectionRegistry registry;
    private final String token = ApiTokens.user("alpha", "user-7");

    @BeforeAll
    void start() {
        pipedrive = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.ENTERPRISE)
                .withSeedContacts(3));
        hubspot = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(20));
        app = ServeApp.start(db, Map.of("crmsync.serve.public-url", PUBLIC_URL));
        jdbc = app.bean(JdbcClient.class);
        registry = app.bean(ConnectionRegistry.class);
        SandboxConnections.tenant(jdbc, "alpha", "Alpha");
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (pipedrive != null) {
            pipedrive.close();
        }
        if (hubspot != null) {
            hubspot.close();
        }
    }

    private long pipedriveConnection(Map<String, String> settings) {
        return SandboxConnections.connect(registry, "alpha", "pd-" + System.nanoTime(), pipedrive, settings);
    }

    @Test
    void pauseActivateAndDisconnectChangeTheStateAuditTheCallerAndRemoveTheWebhooks() throws Exception {
        // given
        long id = pipedriveConnection(Map.of());

        // when: paused
        HttpResponse<String> paused = app.send("POST", "/api/v1/connections/" + id + "/pause", token,
                "{\"reason\": \"holiday freeze\"}");

        // then
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(JSON.readTree(paused.body()).path("status").asString()).isEqualTo("disabled");
        assertThat(status(id)).isEqualTo("disabled");
        assertThat(webhooksOf(id)).isEmpty();

        // when: activated
        HttpResponse<String> activated = app.send("POST", "/api/v1/connections/" + id + "/activate", token, null);

        // then: active again, its webhooks registered
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);
        assertThat(JSON.readTree(activated.body()).path("status").asString()).isEqualTo("active");
        assertThat(status(id)).isEqualTo("active");
        assertThat(webhooksOf(id)).isNotEmpty();

        // when: disconnected
        HttpResponse<String> disconnected = app.send("POST", "/api/v1/connections/" + id + "/disconnect", token,
                null);

        // then: webhooks gone, credentials gone, and it cannot be activated
        assertThat(disconnected.statusCode()).as(disconnected.body()).isEqualTo(200);
        assertThat(status(id)).isEqualTo("disconnected");
        assertThat(webhooksOf(id)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.credentials WHERE connection_id = :id").param("id", id)
                .query(Long.class).single()).isZero();
        HttpResponse<String> again = app.send("POST", "/api/v1/connections/" + id + "/activate", token, null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).path("detail").asString()).contains("authorize");
        assertThat(status(id)).isEqualTo("disconnected");

        // and each change is audited with the caller
        assertThat(audit(id)).containsExactly("connection.connected system:setup",
                "connection.paused user:user-7", "connection.activated user:user-7",
                "connection.disconnected user:user-7");
    }

    @Test
    void aBadSyncFrequencyIsRefusedNamingTheFieldAndStoresNothing() throws Exception {
        // given
        long id = pipedriveConnection(Map.of());

        // when
        HttpResponse<String> bad = app.send("PUT", "/api/v1/connections/" + id + "/schedule", token,
                "{\"syncFrequency\": \"5m\"}");
        HttpResponse<String> good = app.send("PUT", "/api/v1/connections/" + id + "/schedule", token,
                "{\"syncFrequency\": \"4h\"}");
        HttpResponse<String> badShare = app.send("PUT", "/api/v1/connections/" + id + "/api-allocation", token,
                "{\"dailyShare\": 1.5}");

        // then
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("errors").get(0).path("field").asString())
                .isEqualTo("syncFrequency");
        assertThat(badShare.statusCode()).as(badShare.body()).isEqualTo(400);
        assertThat(JSON.readTree(badShare.body()).path("errors").get(0).path("field").asString())
                .isEqualTo("dailyShare");
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(JSON.readTree(good.body()).path("syncFrequency").asString()).isEqualTo("4h");
        assertThat(setting(id, "syncFrequency")).isEqualTo("4h");
        assertThat(setting(id, "dailyShare")).isNull();
        assertThat(audit(id)).containsExactly("connection.connected system:setup",
                "connection.sync-frequency-changed user:user-7");
    }

    @Test
    void aScheduledRunLeavesOutTheConnectionsNotYetDueAndAPlainRunSyncsThemAll() {
        // given: an hourly and a 15-minute connection of a tenant of their own, both synced 10 minutes ago
        SandboxConnections.tenant(jdbc, "gamma", "Gamma");
        long hourly = SandboxConnections.connect(registry, "gamma", "pd-h", pipedrive, Map.of("syncFrequency", "1h"));
        long quarterly = SandboxConnections.connect(registry, "gamma", "pd-q", pipedrive,
                Map.of("syncFrequency", "15m"));
        assertThat(run("gamma", false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        jdbc.sql("UPDATE batch_job_execution SET start_time = start_time - interval '10 minutes'").update();

        // when
        JobExecution due = run("gamma", true);
        JobExecution plain = run("gamma", false);

        // then
        assertThat(due.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(partitions(due)).containsOnly(quarterly);
        assertThat(plain.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(partitions(plain)).containsOnly(hourly, quarterly);
    }

    @Test
    void aConnectionReachingItsApiAllocationPausesUntilTheResetWithoutFailingTheRunAndThenResumes() throws Exception {
        // given: a HubSpot connection allowed one call in 625,000 of the day's quota
        SandboxConnections.tenant(jdbc, "delta", "Delta");
        long id = SandboxConnections.connect(registry, "delta", "hub-" + System.nanoTime(), hubspot,
                Map.of("dailyShare", "0.0000016"));

        // when: it reaches its allocation mid-run
        JobExecution reached = run("delta", false);

        // then: the run is not failed; the connection is paused until the next UTC midnight
        assertThat(reached.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(partitionExits(reached)).contains("QUOTA_PAUSED");
        assertThat(reached.getStepExecutions()).filteredOn(s -> s.getExecutionContext().containsKey("quotaPaused"))
                .singleElement().satisfies(s -> assertThat(s.getExecutionContext().getString("quotaPaused"))
                        .isEqualTo("connection " + id + " paused until " + LocalDate.now(ZoneOffset.UTC).plusDays(1)
                                .atStartOfDay(ZoneOffset.UTC).toInstant() + ": API allocation reached"));
        Instant midnight = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(pausedUntil(id)).isEqualTo(midnight);
        assertThat(audit(id)).contains("connection.quota-paused system:api-allocation");

        // when: the next run before the reset
        JobExecution before = run("delta", false);

        // then: it is left out
        assertThat(before.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(partitions(before)).isEmpty();

        // when: the quota has reset (and the tenant gave it a larger share)
        jdbc.sql("UPDATE crm_sync.connections SET quota_paused_until = now() - interval '1 minute' WHERE id = :id")
                .param("id", id).update();
        HttpResponse<String> share = app.send("PUT", "/api/v1/connections/" + id + "/api-allocation",
                ApiTokens.user("delta", "admin-1"), "{\"dailyShare\": 0.5}");
        JobExecution after = run("delta", false);

        // then: it resumed by itself and synced
        assertThat(share.statusCode()).as(share.body()).isEqualTo(200);
        assertThat(after.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(partitions(after)).containsOnly(id);
        assertThat(partitionExits(after)).containsOnly("COMPLETED");
        assertThat(pausedUntil(id)).isNull();
        assertThat(audit(id)).containsSubsequence("connection.quota-paused system:api-allocation",
                "connection.api-allocation-changed user:admin-1", "connection.quota-resumed system:api-allocation");
    }

    @Test
    void resyncStartsARunOfThatConnectionAndASecondOneWhileItRunsIsAConflict() throws Exception {
        // given
        long id = pipedriveConnection(Map.of());

        // when
        HttpResponse<String> first = app.send("POST", "/api/v1/connections/" + id + "/resync", token,
                "{\"since\": \"2026-01-01T00:00:00Z\"}");
        HttpResponse<String> second = app.send("POST", "/api/v1/connections/" + id + "/resync", token, null);

        // then
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        JsonNode started = JSON.readTree(first.body());
        assertThat(started.path("job").asString()).isEqualTo(ContactSyncJobConfiguration.JOB_NAME);
        assertThat(started.path("backfill").asString()).isEqualTo("both");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (executionsOf(id, "COMPLETED") == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(executionsOf(id, "COMPLETED")).isOne();
        assertThat(executionsOf(id, null)).isOne();
        assertThat(audit(id)).containsExactly("connection.connected system:setup",
                "connection.resync-requested user:user-7");
    }

    private JobExecution run(String tenant, boolean due) {
        return app.bean(JobRunner.class).run(ContactSyncJobConfiguration.JOB_NAME, new RunParameters(List.of(tenant),
                List.of(), Shard.ALL, 2, Instant.now().truncatedTo(ChronoUnit.MILLIS), null, false, null, due));
    }

    /** The connections the execution's inbound step had a partition for. */
    private static List<Long> partitions(JobExecution execution) {
        List<Long> ids = new ArrayList<>();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStepName().startsWith("contactInboundConnectionStep:connection-")) {
                ids.add(Long.valueOf(step.getStepName().substring(step.getStepName().lastIndexOf('-') + 1)));
            }
        }
        return ids;
    }

    private static List<String> partitionExits(JobExecution execution) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().contains(":connection-"))
                .map(s -> s.getExitStatus().getExitCode()).toList();
    }

    private long executionsOf(long connectionId, String status) {
        return jdbc.sql("""
                        SELECT count(*) FROM batch_job_execution je
                        JOIN batch_job_execution_params p ON p.job_execution_id = je.job_execution_id
                        WHERE p.parameter_name = 'connections' AND p.parameter_value = :id
                          AND (CAST(:status AS text) IS NULL OR je.status = :status)""")
                .param("id", Long.toString(connectionId)).param("status", status, java.sql.Types.VARCHAR)
                .query(Long.class).single();
    }

    private String status(long id) {
        return jdbc.sql("SELECT status FROM crm_sync.connections WHERE id = :id").param("id", id)
                .query(String.class).single();
    }

    private String setting(long id, String key) {
        return jdbc.sql("SELECT settings ->> :key FROM crm_sync.connections WHERE id = :id").param("id", id)
                .param("key", key).query(String.class).optional().orElse(null);
    }

    private Instant pausedUntil(long id) {
        return jdbc.sql("SELECT quota_paused_until FROM crm_sync.connections WHERE id = :id").param("id", id)
                .query((rs, row) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
                .optional().orElse(null);
    }

    /** The connection's audited changes, oldest first: {@code action actor}. */
    private List<String> audit(long id) {
        return jdbc.sql("""
                        SELECT action || ' ' || actor FROM crm_sync.sync_audit
                        WHERE connection_id = :id AND actor IS NOT NULL ORDER BY id""")
                .param("id", id).query(String.class).list();
    }

    private List<JsonNode> webhooksOf(long id) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        JsonNode all = SandboxConnections.call("GET", pipedrive.server().baseUri() + "/api/v1/webhooks",
                "x-api-token", pipedrive.apiToken(), null).get("data");
        all.forEach(w -> {
            if (w.get("subscription_url").asString().endsWith("/webhooks/pipedrive/" + id)) {
                found.add(w);
            }
        });
        return found;
    }
}
