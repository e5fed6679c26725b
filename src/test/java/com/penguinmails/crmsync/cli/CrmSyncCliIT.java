package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.testing.TestDatabase;
import com.penguinmails.crmsync.testing.TestDatabase.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator CLI in process, on a real PostgreSQL seeded once by the CLI's own {@code demo}: exit codes, what the
 * commands print for people and scripts, and what they leave in the database. Usage errors are checked against a
 * database that cannot be reached, which proves they never start the application.
 */
class CrmSyncCliIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "s3cret";
    /** A database nobody serves; a command that started Spring with it would fail with "cannot use the database". */
    private static final Map<String, Object> UNREACHABLE = Map.of(
            "spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/none?password=" + SECRET);

    private static Database db;
    /** The lead-score execution the demo ran. */
    private static long demoExecutionId;

    record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void seedDemoThroughTheCli() throws SQLException {
        db = TestDatabase.create("crm_sync_cli");

        Result demo = cli("demo", "--contacts", "30", "--crm-contacts", "0");

        assertThat(demo.exitCode()).as("demo failed: %s", demo.err()).isZero();
        assertThat(longs("SELECT count(*) FROM penguinmails.contacts")).containsExactly(90L);
        demoExecutionId = longs("""
                SELECT max(e.job_execution_id) FROM batch_job_execution e
                JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                WHERE e.status = 'COMPLETED' AND i.job_name = 'lead-score'""").get(0);
        // the demo disables its connections when its sandboxes stop
        assertThat(longs("SELECT count(*) FROM crm_sync.connections WHERE status <> 'disabled'")).containsExactly(0L);
    }

    // ---- help and usage: no database needed

    @Test
    void helpListsTheCommandsAndExitsZeroWithoutADatabase() {
        // when
        Result help = cliOn(UNREACHABLE, "--help");

        // then
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: crm-sync", "run", "executions", "restart", "demo", "serve", "Exit codes:");
        assertThat(help.err()).isEmpty();
    }

    @Test
    void runHelpShowsItsUsageAndExitCodes() {
        // when
        Result help = cliOn(UNREACHABLE, "run", "--help");

        // then
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: crm-sync run", "--shard", "--tenant", "Exit codes:")
                .containsPattern("(?m)^\\s*0\\s+the run completed")
                .containsPattern("(?m)^\\s*1\\s+the run failed")
                .containsPattern("(?m)^\\s*2\\s+bad usage");
    }

    @Test
    void anUnknownCommandIsABadUsage() {
        // when
        Result result = cliOn(UNREACHABLE, "frobnicate");

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(result.err()).contains("frobnicate").doesNotContain("cannot use the database");
    }

    @Test
    void aShardIndexOutsideItsCountIsRefusedBeforeTheDatabaseIsUsed() {
        // when
        Result result = cliOn(UNREACHABLE, "run", "lead-score", "--shard", "3/2");

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(result.err()).contains("--shard", "3/2").doesNotContain("cannot use the database");
    }

    @Test
    void aMalformedShardIsRefusedBeforeTheDatabaseIsUsed() {
        // when
        Result result = cliOn(UNREACHABLE, "run", "lead-score", "--shard", "x");

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(result.err()).contains("--shard", "'x'").doesNotContain("cannot use the database");
    }

    @Test
    void aConcurrencyBelowOneIsRefused() {
        // when
        Result result = cliOn(UNREACHABLE, "run", "lead-score", "--concurrency", "0");

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(result.err()).contains("--concurrency").doesNotContain("cannot use the database");
    }

    @Test
    void anAsOfThatIsNoInstantIsRefused() {
        // when
        Result result = cliOn(UNREACHABLE, "run", "lead-score", "--as-of", "yesterday");

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(result.err()).contains("--as-of", "yesterday").doesNotContain("cannot use the database");
    }

    @Test
    void anUnknownExecutionStatusIsABadUsage() {
        // when
        Result result = cliOn(UNREACHABLE, "executions", "--status", "BOGUS");

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(result.err()).contains("BOGUS").doesNotContain("cannot use the database");
    }

    // ---- bad input the database answers

    @Test
    void runningAnUnknownJobNamesItAndTheJobsThereAre() throws SQLException {
        // given
        long executionsBefore = executionCount();

        // when
        Result result = cli("run", "no-such-job");

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(result.err()).contains("no-such-job", "lead-score");
        assertThat(executionCount()).isEqualTo(executionsBefore);
    }

    @Test
    void runningForAnUnknownTenantNamesItAndLaunchesNothing() throws SQLException {
        // given
        long executionsBefore = executionCount();

        // when
        Result result = cli("run", "lead-score", "--tenant", "nobody");

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(result.err()).contains("nobody");
        assertThat(executionCount()).isEqualTo(executionsBefore);
    }

    @Test
    void showingAnUnknownExecutionNamesItsId() {
        // when
        Result result = cli("show", "999999");

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(result.err()).contains("999999");
    }

    @Test
    void restartingAnUnknownExecutionIsRefused() {
        // when
        Result result = cli("restart", "999999");

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(result.err()).contains("999999");
    }

    @Test
    void restartingACompletedExecutionIsRefusedAndLaunchesNothing() throws SQLException {
        // given
        long executionsBefore = executionCount();

        // when
        Result result = cli("restart", String.valueOf(demoExecutionId));

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(result.err()).contains(String.valueOf(demoExecutionId), "completed");
        assertThat(executionCount()).isEqualTo(executionsBefore);
        assertThat(status(demoExecutionId)).isEqualTo("COMPLETED");
    }

    @Test
    void stoppingACompletedExecutionIsRefusedAndLeavesItCompleted() throws SQLException {
        // when
        Result result = cli("stop", String.valueOf(demoExecutionId));

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(result.err()).contains(String.valueOf(demoExecutionId));
        assertThat(status(demoExecutionId)).isEqualTo("COMPLETED");
    }

    @Test
    void abandoningAnUnknownExecutionIsRefused() {
        // when
        Result result = cli("abandon", "999999");

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(result.err()).contains("999999");
    }

    // ---- output for scripts

    @Test
    void executionsAsJsonIsAnArrayOfTheExecutionsNewestFirst() throws SQLException {
        // given
        List<Long> ids = longs("SELECT job_execution_id FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 20");

        // when
        Result result = cli("executions", "--json");

        // then
        assertThat(result.exitCode()).isZero();
        JsonNode array = JSON.readTree(result.out());
        assertThat(array.isArray()).isTrue();
        List<Long> printed = new ArrayList<>();
        array.forEach(execution -> {
            assertThat(execution.has("id")).as("has an id: %s", execution).isTrue();
            printed.add(execution.get("id").asLong());
        });
        assertThat(printed).isNotEmpty().isEqualTo(ids);
    }

    @Test
    void tenantsAsJsonListsTheDemoTenants() {
        // when
        Result result = cli("tenants", "list", "--json");

        // then
        assertThat(result.exitCode()).isZero();
        JsonNode array = JSON.readTree(result.out());
        assertThat(array.isArray()).isTrue();
        List<String> ids = new ArrayList<>();
        array.forEach(tenant -> ids.add(tenant.get("id").asString()));
        assertThat(ids).containsExactly("acme-robotics", "globex", "initech");
        array.forEach(tenant -> assertThat(tenant.get("contacts").asLong()).isEqualTo(30));
    }

    @Test
    void showAsJsonHasOnePartitionPerDemoTenant() {
        // when
        Result result = cli("show", String.valueOf(demoExecutionId), "--json");

        // then
        assertThat(result.exitCode()).isZero();
        JsonNode array = JSON.readTree(result.out());
        assertThat(array.isArray()).isTrue();
        List<String> partitions = new ArrayList<>();
        array.forEach(partition -> {
            assertThat(partition.has("id")).as("has an id: %s", partition).isTrue();
            partitions.add(partition.get("partition").asString());
            assertThat(partition.get("status").asString()).isEqualTo("COMPLETED");
        });
        // the scoring step's partitions, one per tenant, then (its second step) one score push per CRM connection
        assertThat(partitions).filteredOn(p -> p.startsWith("leadScore/")).containsExactly(
                "leadScore/tenant-acme-robotics", "leadScore/tenant-globex", "leadScore/tenant-initech");
        assertThat(partitions).allMatch(p -> p.startsWith("leadScore/tenant-") || p.startsWith("leadScorePush/"));
    }

    // ---- running

    @Test
    void aRunIsRecordedAsASpringCloudTaskLinkedToItsJobExecutionAndAListingIsNot() throws SQLException {
        // given
        long tasksBefore = longs("SELECT count(*) FROM task_execution").get(0);

        // when
        Result run = cli("run", "lead-score", "--tenant", "initech");
        Result listing = cli("executions");

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(listing.exitCode()).isZero();
        assertThat(longs("SELECT count(*) FROM task_execution").get(0)).isEqualTo(tasksBefore + 1);
        long jobExecution = longs("SELECT max(job_execution_id) FROM batch_job_execution").get(0);
        assertThat(strings("""
                SELECT t.task_name || ' exit ' || t.exit_code FROM task_execution t
                JOIN task_task_batch b ON b.task_execution_id = t.task_execution_id
                WHERE b.job_execution_id = """ + jobExecution)).containsExactly("crm-sync run lead-score exit 0");
    }

    @Test
    void runningForOneTenantCompletesWithThatTenantAsItsOnlyPartition() throws SQLException {
        // given
        long lastBefore = longs("SELECT coalesce(max(job_execution_id), 0) FROM batch_job_execution").get(0);

        // when
        Result result = cli("run", "lead-score", "--tenant", "globex");

        // then
        assertThat(result.exitCode()).as("run failed: %s", result.err()).isZero();
        List<Long> created = longs("SELECT job_execution_id FROM batch_job_execution WHERE job_execution_id > "
                + lastBefore);
        assertThat(created).hasSize(1);
        long executionId = created.get(0);
        assertThat(status(executionId)).isEqualTo("COMPLETED");
        assertThat(strings("SELECT substring(step_name FROM position(':' IN step_name) + 1) FROM batch_step_execution"
                + " WHERE step_name LIKE '%:%' AND job_execution_id = " + executionId))
                .containsExactly("tenant-globex");
    }

    // ---- no database

    @Test
    void anUnreachableDatabaseIsOneLineWithoutStackTraceOrPassword() {
        // when
        Result result = cliOn(UNREACHABLE, "executions");

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        List<String> lines = result.err().lines().toList();
        assertThat(lines).filteredOn(line -> line.startsWith("error: cannot use the database")).hasSize(1);
        assertThat(lines).noneMatch(line -> line.startsWith("\tat "));
        assertThat(result.err() + result.out()).doesNotContain(SECRET);
    }

    @Test
    void anEmbeddedDataDirectoryThatCannotBeUsedIsBadInputNamingIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        // given: no datasource URL (the embedded default) and a data directory below a plain file
        java.nio.file.Path file = java.nio.file.Files.createFile(tmp.resolve("not-a-directory"));

        // when
        Result result = cliOn(Map.of(), "--data-dir", file.resolve("pgdata").toString(), "executions");

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(result.err()).startsWith("error: cannot use the database")
                .contains(file.resolve("pgdata").toString());
        assertThat(result.err().lines()).hasSize(1);
    }

    /**
     * What the operator's terminal shows is the CLI's own error line plus whatever logging writes to the process's
     * standard error: no stack trace there either (only with {@code --debug}).
     */
    @Test
    void anUnreachableDatabasePrintsNoStackTraceOnTheProcessStandardError() {
        // given
        PrintStream processErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));

        // when
        Result result;
        try {
            result = cliOn(UNREACHABLE, "executions");
        } finally {
            System.setErr(processErr);
        }

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        String logged = captured.toString(StandardCharsets.UTF_8);
        assertThat(logged.lines()).noneMatch(line -> line.startsWith("\tat "));
        assertThat(logged).doesNotContain(SECRET);
    }

    // ---- support

    private static Result cli(String... args) {
        Map<String, Object> properties = new java.util.HashMap<>(db.springProperties());
        properties.put("crmsync.credentials.keyset-file", KEYSET.toString());
        properties.put("crmsync.credentials.generate-missing", "true");
        return cliOn(properties, args);
    }

    private static final java.nio.file.Path KEYSET = keyset();

    private static java.nio.file.Path keyset() {
        try {
            return java.nio.file.Files.createTempDirectory("crm-sync-cli").resolve("keyset.json");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Result cliOn(Map<String, Object> properties, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CrmSyncCli.execute(args, properties, new PrintWriter(out), new PrintWriter(err));
        return new Result(exitCode, out.toString(), err.toString());
    }

    private static long executionCount() throws SQLException {
        return longs("SELECT count(*) FROM batch_job_execution").get(0);
    }

    private static String status(long executionId) throws SQLException {
        return strings("SELECT status FROM batch_job_execution WHERE job_execution_id = " + executionId).get(0);
    }

    private static List<Long> longs(String sql) throws SQLException {
        return strings(sql).stream().map(Long::valueOf).toList();
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
