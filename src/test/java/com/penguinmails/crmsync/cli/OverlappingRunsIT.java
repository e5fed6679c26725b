package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Overlapping launches of contact-sync, the first in the packaged CLI in a child JVM, the later ones beside it: a
 * connection is only ever run by one execution at a time, whatever selection started it (a shard, a tenant, all, a
 * forced restart): a launch whose connections are all held is refused (exit 2), a partly held one leaves the held
 * connection untouched and names the execution holding it; disjoint selections run side by side, and the CRMs end
 * with no duplicate person. Tenant globex (shard 0/2) is on Pipedrive (connection 1; its run is
 * suspended while the others launch), acme-robotics (shard 1/2) on
 * HubSpot (connection 2); both create their PenguinMails contacts in the CRM.
 */
class OverlappingRunsIT {

    private static final int CONTACTS = 60;

    @Test
    void eachConnectionIsRunByOneExecutionAtATimeWhateverSelectionStartedIt() throws Exception {
        try (SandboxProcess sandbox = SandboxProcess.start("overlapping-runs", 0, "--latency-ms", "10")) {
            // given: shard 0/2 (globex on Pipedrive, connection 1) started in a child JVM, which holds its connection,
            // then suspended (SIGSTOP), so it is alive for as long as the launches beside it take
            TestDatabase.Database db = database(sandbox, "overlapping_runs");
            JdbcClient jdbc = SandboxProcess.jdbc(db);
            Path childLog = sandbox.dir.resolve("child.log");
            Process child = sandbox.child(db, childLog, "run", "contact-sync", "--shard", "0/2");
            long shardRun = awaitPartitions(jdbc, child);
            signal(child, "STOP");
            long executions = executionCount(jdbc);

            // when: its tenant is launched again, and its execution restarted by force
            Result tenant = cli(sandbox, db, "run", "contact-sync", "--tenant", "globex");
            Result forced = cli(sandbox, db, "restart", Long.toString(shardRun), "--force");

            // then: both are refused naming the running execution; nothing was started or recovered
            for (Result refused : new Result[] {tenant, forced}) {
                assertThat(refused.exitCode()).as("%s", refused).isEqualTo(ExitCodes.BAD_REQUEST);
                assertThat(refused.err()).contains("already running", "execution " + shardRun + " holds connection 1");
            }
            assertThat(executionCount(jdbc)).isEqualTo(executions);
            assertThat(ChildRun.status(jdbc, shardRun)).isEqualTo("STARTED");

            // when: a run of every connection starts beside it
            Result all = cli(sandbox, db, "run", "contact-sync");

            // then: it ran connection 2, and failed connection 1's partition without touching it, naming the holder
            assertThat(all.exitCode()).as("%s", all).isEqualTo(ExitCodes.FAILED);
            long allRun = ChildRun.lastExecutionId(jdbc);
            assertThat(partition(jdbc, allRun, "contactInboundConnectionStep:connection-2")).isEqualTo("COMPLETED 0");
            assertThat(partition(jdbc, allRun, "contactInboundConnectionStep:connection-1")).isEqualTo("FAILED 0");
            assertThat(all.out()).contains("connection 1 is being worked on by execution " + shardRun);

            // when: the other shard runs beside it
            Result otherShard = cli(sandbox, db, "run", "contact-sync", "--shard", "1/2");

            // then: disjoint selections run side by side
            assertThat(otherShard.exitCode()).as("%s", otherShard).isEqualTo(ExitCodes.OK);
            assertThat(ChildRun.status(jdbc, ChildRun.lastExecutionId(jdbc))).isEqualTo("COMPLETED");

            // when: the shard 0/2 run goes on to its end, then the run of every connection is restarted
            signal(child, "CONT");
            assertThat(child.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(Files.readString(childLog)).isZero();
            assertThat(ChildRun.status(jdbc, shardRun)).isEqualTo("COMPLETED");
            Result restart = cli(sandbox, db, "restart", Long.toString(allRun));

            // then: it completes, and each contact is in its CRM once
            assertThat(restart.exitCode()).as("%s", restart).isEqualTo(ExitCodes.OK);
            assertThat(ChildRun.status(jdbc, ChildRun.lastExecutionId(jdbc))).isEqualTo("COMPLETED");
            assertNoDuplicatePeople(sandbox, jdbc);
        }
    }

    /** Sends a signal ({@code STOP}, {@code CONT}) to a child process. */
    private static void signal(Process process, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s", signal).isTrue();
    }

    /** Seeded tenants; globex connected to Pipedrive, acme-robotics to HubSpot, all contacts marked to go out. */
    private static TestDatabase.Database database(SandboxProcess sandbox, String name) {
        TestDatabase.Database db = TestDatabase.create(name);
        JdbcClient jdbc = ChildRun.seededDatabase(db, CONTACTS);
        sandbox.cli(db, "connections", "add", "--tenant", "globex", "--crm", "pipedrive",
                "--api-token=" + sandbox.pipedrive().get("apiToken").asString(), "--base-url",
                sandbox.pipedrive().get("apiDomain").asString());
        sandbox.cli(db, "connections", "add", "--tenant", "acme-robotics", "--crm", "hubspot",
                "--api-token=" + sandbox.hubspot().get("privateAppToken").asString(), "--base-url",
                sandbox.hubspot().get("baseUrl").asString());
        jdbc.sql("UPDATE crm_sync.connections SET settings = settings || '{\"createContactsInCrm\": \"true\"}'")
                .update();
        jdbc.sql("""
                INSERT INTO crm_sync.contact_changes (contact_id, tenant_id, reasons)
                SELECT id, tenant_id, ARRAY['test'] FROM penguinmails.contacts
                WHERE tenant_id IN ('globex', 'acme-robotics')
                ON CONFLICT (contact_id) DO NOTHING""").update();
        return db;
    }

    /** Waits until the child's execution has partitions (it holds their connections); its id. */
    private static long awaitPartitions(JdbcClient jdbc, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as("the child must still be running").isTrue();
            Long id = jdbc.sql("""
                            SELECT max(s.job_execution_id) FROM batch_step_execution s
                            JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                            WHERE s.step_name LIKE '%ConnectionStep:%' AND e.status = 'STARTED'""")
                    .query(Long.class).optional().orElse(null);
            if (id != null) {
                return id;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child started no partition within 90 s");
    }

    /** Every CRM person was created once: as many as the connection's links to contacts. */
    private static void assertNoDuplicatePeople(SandboxProcess sandbox, JdbcClient jdbc) throws Exception {
        long pipedrivePersons = records(sandbox.pipedrive().get("apiDomain").asString()).get("persons").asLong();
        long hubspotContacts = records(sandbox.hubspot().get("baseUrl").asString()).get("contacts").asLong();
        assertThat(pipedrivePersons).as("Pipedrive persons").isPositive().isEqualTo(links(jdbc, 1));
        assertThat(hubspotContacts).as("HubSpot contacts").isPositive().isEqualTo(links(jdbc, 2));
    }

    private static long links(JdbcClient jdbc, long connectionId) {
        return jdbc.sql("""
                        SELECT count(*) FROM crm_sync.record_links
                        WHERE connection_id = :id AND pm_entity = 'contact' AND deleted_at IS NULL
                          AND merged_into IS NULL""")
                .param("id", connectionId).query(Long.class).single();
    }

    private static JsonNode records(String baseUrl) throws Exception {
        HttpResponse<String> stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl + "/_sandbox/stats")).build(), HttpResponse.BodyHandlers.ofString());
        return JsonMapper.builder().build().readTree(stats.body()).get("records");
    }

    /** {@code STATUS WRITTEN} of a partition of an execution. */
    private static String partition(JdbcClient jdbc, long executionId, String step) {
        return jdbc.sql("""
                        SELECT status || ' ' || write_count FROM batch_step_execution
                        WHERE job_execution_id = :id AND step_name = :step""")
                .param("id", executionId).param("step", step).query(String.class).optional().orElse("absent");
    }

    private static long executionCount(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM batch_job_execution").query(Long.class).single();
    }

    /** Exit code, standard output and standard error of one command line run in this JVM. */
    record Result(int exitCode, String out, String err) {
    }

    private static Result cli(SandboxProcess sandbox, TestDatabase.Database db, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CrmSyncCli.execute(args, sandbox.properties(db), new PrintWriter(out), new PrintWriter(err));
        return new Result(exitCode, out.toString(), err.toString());
    }
}
