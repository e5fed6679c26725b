package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A partition failed by a revoked grant, as an operator sees it from the packaged CLI: the run prints one line naming
 * the connection and what to do, and no stack trace unless {@code --debug}; {@code show} names the same cause instead
 * of Spring Batch's "Unable to process chunk".
 */
class FailedPartitionReportIT {

    private static final String CAUSE = "the CRM rejected its API token; give it a new one with "
            + "'connections set-credentials'";

    @Test
    void aRevokedGrantIsOneLineNamingTheConnectionAndWhatToDoInTheRunAndInShow() throws Exception {
        try (HubSpotSandbox hubspot = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(5))) {
            // given: globex connected to HubSpot with a token HubSpot does not (or no longer) accept
            Path dir = Files.createTempDirectory("failed-partition");
            String keyset = dir.resolve("keyset.json").toString();
            TestDatabase.Database db = TestDatabase.create("failed_partition");
            JdbcClient jdbc = ChildRun.seededDatabase(db, 5);
            Result added = cli(db, keyset, "connections", "add", "--tenant", "globex", "--crm", "hubspot",
                    "--api-token=pat-na1-revoked", "--base-url", hubspot.info().get("baseUrl").toString());
            assertThat(added.exitCode()).as("%s", added).isZero();

            // when: the packaged CLI runs contact-sync
            Path log = dir.resolve("run.log");
            Process run = SandboxProcess.child(db, keyset, log, "run", "contact-sync");
            assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(log);

            // then: it fails, with one line naming the connection and what to do, and no stack trace
            assertThat(run.exitValue()).as(output).isEqualTo(ExitCodes.FAILED);
            assertThat(output).contains("connection-1 failed: connection 1 (hubspot, tenant globex): " + CAUSE)
                    .doesNotContain("\tat ", "Unable to process chunk", "Exception");

            // and show names the cause of the failed partition
            long executionId = ChildRun.lastExecutionId(jdbc);
            Result show = cli(db, keyset, "show", Long.toString(executionId));
            assertThat(show.out()).contains(CAUSE).doesNotContain("Unable to process chunk");

            // when: it runs again with --debug (the connection was marked auth_failed: enable it first)
            assertThat(cli(db, keyset, "connections", "enable", "1").exitCode()).isZero();
            Path debugLog = dir.resolve("debug.log");
            Process debug = SandboxProcess.child(db, keyset, debugLog, "--debug", "run", "contact-sync");
            assertThat(debug.waitFor(120, TimeUnit.SECONDS)).isTrue();

            // then: the stack traces are there
            assertThat(Files.readString(debugLog)).contains(CAUSE, "\tat ", "Encountered an error executing step");
        }
    }

    /** Exit code, standard output and standard error of one command line run in this JVM. */
    record Result(int exitCode, String out, String err) {
    }

    private static Result cli(TestDatabase.Database db, String keyset, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CrmSyncCli.execute(args, SandboxProcess.properties(db, keyset), new PrintWriter(out),
                new PrintWriter(err));
        return new Result(exitCode, out.toString(), err.toString());
    }
}
