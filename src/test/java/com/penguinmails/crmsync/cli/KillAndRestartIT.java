package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code kill -9} of the packaged CLI in the middle of a run, then {@code restart}: the execution left STARTED is
 * recovered and resumed, every partition from its last committed chunk, and the scores end as an uninterrupted run's.
 */
class KillAndRestartIT {

    static final String AS_OF = "2026-11-02T00:00:00Z";
    static final List<String> TENANTS = ChildRun.TENANTS;
    static final int CONTACTS = 1200;

    @Test
    void aRunKilledMidPartitionIsRecoveredAndResumedWithoutRecomputingCommittedChunks() throws Exception {
        // given: a migrated, seeded database
        TestDatabase.Database db = TestDatabase.create("kill_restart");
        JdbcClient jdbc = ChildRun.seededDatabase(db, CONTACTS);

        // when: the packaged CLI runs lead-score in a child JVM, 5 contacts per chunk, and is killed mid-run
        Process child = ChildRun.start(db, "run", "lead-score", "--concurrency", "2", "--as-of", AS_OF);
        ChildRun.awaitCommittedChunks(jdbc, child, 3);
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // then: its execution is left STARTED, with partitions part-way
        long executionId = jdbc.sql("SELECT max(job_execution_id) FROM batch_job_execution").query(Long.class).single();
        assertThat(status(jdbc, executionId)).isEqualTo("STARTED");

        // when: the operator restarts it (the run lock died with the process, so no --force is needed)
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CrmSyncCli.execute(new String[] {"restart", Long.toString(executionId)},
                db.springProperties(), new PrintWriter(out), new PrintWriter(err));

        // then: recovered (FAILED), resumed in a new execution of the same instance that completed
        assertThat(exitCode).as("restart output: %s %s", out, err).isEqualTo(ExitCodes.OK);
        assertThat(status(jdbc, executionId)).isEqualTo("FAILED");
        long resumedId = jdbc.sql("SELECT max(job_execution_id) FROM batch_job_execution").query(Long.class).single();
        assertThat(resumedId).isGreaterThan(executionId);
        assertThat(status(jdbc, resumedId)).isEqualTo("COMPLETED");
        // every contact was read in exactly one committed chunk across both executions
        for (String tenant : TENANTS) {
            long read = jdbc.sql("""
                            SELECT coalesce(sum(read_count), 0) FROM batch_step_execution
                            WHERE step_name = :step AND job_execution_id IN (:killed, :resumed)""")
                    .param("step", "leadScoreTenantStep:tenant-" + tenant)
                    .param("killed", executionId).param("resumed", resumedId)
                    .query(Long.class).single();
            assertThat(read).as("contacts read for %s", tenant).isEqualTo(CONTACTS);
        }
        // and the scores are those of an uninterrupted run: compare with a fresh database run without a kill
        TestDatabase.Database reference = TestDatabase.create("kill_restart_reference");
        JdbcClient referenceJdbc = ChildRun.seededDatabase(reference, CONTACTS);
        int referenceExit = CrmSyncCli.execute(new String[] {"run", "lead-score", "--as-of", AS_OF},
                reference.springProperties(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertThat(referenceExit).isEqualTo(ExitCodes.OK);
        assertThat(scores(jdbc)).isEqualTo(scores(referenceJdbc)).isNotEmpty();
    }

    private static List<String> scores(JdbcClient jdbc) {
        return jdbc.sql("SELECT tenant_id || ':' || email || ':' || lead_score FROM penguinmails.contacts ORDER BY 1")
                .query(String.class).list();
    }

    private static String status(JdbcClient jdbc, long executionId) {
        return ChildRun.status(jdbc, executionId);
    }
}
