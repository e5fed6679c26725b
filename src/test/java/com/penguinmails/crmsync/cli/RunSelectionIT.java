package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A {@code --connection} or {@code --tenant} that does not exist, or that the run's own selection leaves out (another
 * shard, another tenant), is refused with exit 2 and a line naming it; nothing is started.
 */
class RunSelectionIT {

    @Test
    void aConnectionOrTenantThatDoesNotExistOrIsOutsideTheSelectionExits2NamingIt() throws Exception {
        // given: the demo tenants (globex in shard 0/2, acme-robotics in 1/2), globex connected as connection 1
        TestDatabase.Database db = TestDatabase.create("run_selection");
        JdbcClient jdbc = ChildRun.seededDatabase(db, 5);
        String keyset = Files.createTempDirectory("run-selection").resolve("keyset.json").toString();
        assertThat(cli(db, keyset, "connections", "add", "--tenant", "globex", "--crm", "pipedrive",
                "--api-token=not-used", "--base-url", "http://127.0.0.1:9").exitCode()).isZero();

        // when / then
        assertRefused(db, keyset, "no connection with id 99", "run", "contact-sync", "--connection", "99");
        assertRefused(db, keyset, "no tenant with id nobody", "run", "contact-sync", "--tenant", "nobody");
        assertRefused(db, keyset, "connection 1 (tenant globex) is not in shard 1/2",
                "run", "contact-sync", "--connection", "1", "--shard", "1/2");
        assertRefused(db, keyset, "tenant globex is not in shard 1/2",
                "run", "lead-score", "--tenant", "globex", "--shard", "1/2");
        assertRefused(db, keyset, "connection 1 belongs to tenant globex",
                "run", "engagement-sync", "--connection", "1", "--tenant", "acme-robotics");

        // and nothing was started
        assertThat(jdbc.sql("SELECT count(*) FROM batch_job_execution").query(Long.class).single()).isZero();
    }

    private static void assertRefused(TestDatabase.Database db, String keyset, String message, String... args) {
        StringWriter err = new StringWriter();
        int exitCode = CrmSyncCli.execute(args, SandboxProcess.properties(db, keyset),
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(exitCode).as("%s", err).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(err.toString()).contains(message).hasLineCount(1);
    }

    private static Result cli(TestDatabase.Database db, String keyset, String... args) {
        StringWriter out = new StringWriter();
        int exitCode = CrmSyncCli.execute(args, SandboxProcess.properties(db, keyset), new PrintWriter(out),
                new PrintWriter(out));
        return new Result(exitCode, out.toString());
    }

    /** Exit code and output of one command line run in this JVM. */
    record Result(int exitCode, String out) {
    }
}
