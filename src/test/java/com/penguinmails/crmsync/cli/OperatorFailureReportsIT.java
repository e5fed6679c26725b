package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.CrmSandboxes;
import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The failures an operator meets, as the packaged CLI reports them: a spent daily quota on each CRM, a CRM that stays
 * down, an unreachable base URL, a database that cannot be used, and the commands typed to recover. Each exits 1 (a
 * job failed, or the CRM could not be reached) or 2 (bad usage, no database), prints one line per failed partition
 * naming connection, CRM and tenant and what to do, no stack trace, and {@code show} (text and JSON) names each
 * cause. One set of sandboxes and one database serve every case, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorFailureReportsIT {

    private static final List<String> CONNECTIONS = List.of("connection 1 (hubspot, tenant acme-robotics)",
            "connection 2 (pipedrive, tenant globex)", "connection 3 (salesforce, tenant initech)",
            "connection 4 (pipedrive, tenant initech)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CrmSandboxes crms;
    private TestDatabase.Database db;
    private JdbcClient jdbc;
    private Path dir;
    private String keyset;
    private long failedExecution;

    @BeforeAll
    void connectEveryCrmAndOneUnreachableBaseUrl() throws Exception {
        crms = CrmSandboxes.start(SandboxOptions.defaults().withSeedContacts(5));
        dir = Files.createTempDirectory("operator-failures");
        keyset = dir.resolve("keyset.json").toString();
        db = TestDatabase.create("operator_failures");
        jdbc = ChildRun.seededDatabase(db, 5);
        Map<String, Object> hubspot = crms.sandbox("hubspot").info();
        Map<String, Object> salesforce = crms.sandbox("salesforce").info();
        cli("connections", "add", "--tenant", "acme-robotics", "--crm", "hubspot",
                "--api-token=" + hubspot.get("privateAppToken"), "--base-url", hubspot.get("baseUrl").toString());
        cli("connections", "add", "--tenant", "globex", "--crm", "pipedrive",
                "--api-token=" + crms.sandbox("pipedrive").info().get("apiToken"), "--base-url",
                crms.sandbox("pipedrive").info().get("baseUrl").toString());
        cli("connections", "add", "--tenant", "initech", "--crm", "salesforce",
                "--client-id=" + salesforce.get("clientId"), "--client-secret=" + salesforce.get("clientSecret"),
                "--refresh-token=" + salesforce.get("refreshToken"), "--base-url", salesforce.get("loginUrl").toString());
        cli("connections", "add", "--tenant", "initech", "--crm", "pipedrive", "--api-token=pd-unreachable",
                "--base-url", "http://127.0.0.1:1/api/v2");
    }

    @AfterAll
    void stop() {
        crms.close();
    }

    @Test
    @Order(1)
    void aSpentDailyQuotaOnEachCrmIsOneLinePerConnectionAndShowNamesIt() throws Exception {
        // given: every CRM's daily quota spent by the accounts' other integrations
        for (SandboxHttpServer server : servers()) {
            HttpResponse<String> spent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.baseUri() + "/_sandbox/quota"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"spend\": 100000000}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(spent.statusCode()).as(spent.body()).isEqualTo(200);
        }

        // when
        Child run = child("run", "contact-sync");

        // then: a failed job, one line per connection with what to do, no trace
        assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.FAILED);
        assertOneLineEachWithoutATrace(run.output());
        assertThat(line(run.output(), CONNECTIONS.get(0))).contains("daily API limit");
        assertThat(line(run.output(), CONNECTIONS.get(1))).contains("daily token budget is spent");
        assertThat(line(run.output(), CONNECTIONS.get(2))).contains("REQUEST_LIMIT_EXCEEDED");
        assertThat(line(run.output(), CONNECTIONS.get(3))).contains("cannot connect to 127.0.0.1:1 (connection refused)",
                "check the connection's base URL", "'connections test 4'");

        // and show names each cause, in text and in JSON, with its kind
        failedExecution = ChildRun.lastExecutionId(jdbc);
        String show = cliOut("show", Long.toString(failedExecution));
        assertThat(show).contains("daily API limit", "daily token budget is spent", "REQUEST_LIMIT_EXCEEDED",
                "cannot connect to 127.0.0.1:1", "open sync errors: 0, warnings: 0").doesNotContain("Unable to process");
        assertThat(kinds(failedExecution)).containsExactly(
                Map.entry(1L, "quota_exhausted"), Map.entry(2L, "quota_exhausted"), Map.entry(3L, "quota_exhausted"),
                Map.entry(4L, "crm_down"));
    }

    @Test
    @Order(2)
    void aCrmThatStaysDownFailsARestartWithOneLineEachSayingToCheckIt() throws Exception {
        // given: the quotas reset, every CRM answering 500 to every request
        for (SandboxHttpServer server : servers()) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/_sandbox/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            server.faults(new FaultPlan(Duration.ZERO, 1.0, 1, 0, 0, 0, Duration.ofSeconds(1)));
        }

        // when: the operator restarts the failed run
        Child restart = child("restart", Long.toString(failedExecution));

        // then
        assertThat(restart.exitCode()).as(restart.output()).isEqualTo(ExitCodes.FAILED);
        assertOneLineEachWithoutATrace(restart.output());
        for (String connection : CONNECTIONS.subList(0, 3)) {
            assertThat(line(restart.output(), connection)).contains("failed 2 times",
                    "then restart the run");
        }
        long restarted = ChildRun.lastExecutionId(jdbc);
        assertThat(kinds(restarted)).containsOnlyKeys(1L, 2L, 3L, 4L).containsValue("crm_down")
                .doesNotContainValue("error");
    }

    @Test
    @Order(3)
    void theCommandsTypedToRecoverPrintOneLineNotATrace() throws Exception {
        // connections test and mapping validate against the unreachable CRM: exit 1, one line
        for (String[] command : List.of(new String[] {"connections", "test", "4"},
                new String[] {"mapping", "validate", "--connection", "4"})) {
            Child child = child(command);
            assertThat(child.exitCode()).as(child.output()).isEqualTo(ExitCodes.FAILED);
            assertThat(child.output()).contains("connection 4 (pipedrive, tenant initech)",
                    "cannot connect to 127.0.0.1:1 (connection refused)").doesNotContain("\tat ", "Exception");
            assertThat(child.output().lines().filter(l -> l.startsWith("error: ")).count()).isEqualTo(1);
        }
        // a backfill of it: the job fails, one line naming it
        Child backfill = child("backfill", "--connection", "4");
        assertThat(backfill.exitCode()).as(backfill.output()).isEqualTo(ExitCodes.FAILED);
        assertThat(line(backfill.output(), CONNECTIONS.get(3))).contains("cannot connect to 127.0.0.1:1");
        assertThat(backfill.output()).doesNotContain("\tat ", "Exception");
        // errors retry of an error that does not exist: bad usage
        Child retry = child("errors", "retry", "987654");
        assertThat(retry.exitCode()).as(retry.output()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(retry.output()).contains("987654").doesNotContain("\tat ", "Exception");
    }

    @Test
    @Order(4)
    void aDatabaseThatCannotBeUsedIsOneLineAndExit2() throws Exception {
        Map<String, String> refused = new HashMap<>(db.environment());
        refused.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/crm");
        Map<String, String> missing = new HashMap<>(db.environment());
        missing.put("SPRING_DATASOURCE_URL", db.url() + "_gone");
        for (Map<String, String> env : List.of(refused, missing)) {
            Child run = child(env, "run", "contact-sync");
            assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.BAD_REQUEST);
            assertThat(run.output().strip()).startsWith("error: cannot use the database ")
                    .doesNotContain("\tat ", "Exception", "\n");
        }
    }

    private List<SandboxHttpServer> servers() {
        return List.of(crms.sandbox("hubspot").server(), crms.sandbox("pipedrive").server(),
                crms.sandbox("salesforce").server());
    }

    /** Every connection has exactly one "failed:" line naming it, and there is no stack trace. */
    private static void assertOneLineEachWithoutATrace(String output) {
        assertThat(output).doesNotContain("\tat ", "Exception", "Unable to process chunk");
        for (String connection : CONNECTIONS) {
            assertThat(output.lines().filter(l -> l.contains(" failed: " + connection + ": ")).count())
                    .as("one line for %s in%n%s", connection, output).isEqualTo(1);
        }
    }

    private static String line(String output, String connection) {
        return output.lines().filter(l -> l.contains(" failed: " + connection + ": ")).findFirst().orElseThrow();
    }

    /** Connection id -> failureKind of each partition of the execution, from {@code show --json}. */
    private Map<Long, String> kinds(long executionId) {
        Map<Long, String> kinds = new java.util.TreeMap<>();
        for (JsonNode partition : JSON.readTree(cliOut("show", Long.toString(executionId), "--json"))) {
            assertThat(partition.get("failureCause").asString()).isEqualTo(partition.get("lastError").asString());
            assertThat(partition.get("openErrors").asLong()).isZero();
            kinds.put(partition.get("connectionId").asLong(), partition.get("failureKind").asString());
        }
        return kinds;
    }

    /** The packaged CLI's exit code and output (standard output and error together). */
    record Child(int exitCode, String output) {
    }

    private Child child(String... args) throws Exception {
        Map<String, String> env = new HashMap<>(db.environment());
        env.put("CRMSYNC_CRM_MAXRETRIES", "1"); // a CRM that answers 500 counts as down after 2 attempts, not 50 s
        return child(env, args);
    }

    private Child child(Map<String, String> env, String... args) throws Exception {
        Path log = Files.createTempFile(dir, "child", ".log");
        Process process = SandboxProcess.child(env, keyset, log, args);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s ended", List.of(args)).isTrue();
        return new Child(process.exitValue(), Files.readString(log));
    }

    private void cli(String... args) {
        StringWriter out = new StringWriter();
        int code = CrmSyncCli.execute(args, SandboxProcess.properties(db, keyset), new PrintWriter(out),
                new PrintWriter(out));
        assertThat(code).as("%s", out).isZero();
    }

    private String cliOut(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CrmSyncCli.execute(args, SandboxProcess.properties(db, keyset), new PrintWriter(out),
                new PrintWriter(err));
        assertThat(code).as("%s", err).isZero();
        return out.toString();
    }
}
