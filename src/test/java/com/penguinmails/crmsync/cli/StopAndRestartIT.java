package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code stop} from one process reaches a run in another: the run ends STOPPED after its current chunk and exits 1,
 * and {@code restart} resumes it to completion.
 */
class StopAndRestartIT {

    @Test
    void aRunStoppedFromAnotherProcessEndsStoppedAndResumesOnRestart() throws Exception {
        // given: a run going in a child JVM
        TestDatabase.Database db = TestDatabase.create("stop_restart");
        JdbcClient jdbc = ChildRun.seededDatabase(db, 1500);
        Process child = ChildRun.start(db, "run", "lead-score", "--concurrency", "1");
        ChildRun.awaitCommittedChunks(jdbc, child, 2);
        long executionId = ChildRun.lastExecutionId(jdbc);

        // when: an operator stops it from here
        int stopExit = CrmSyncCli.execute(new String[] {"stop", Long.toString(executionId)}, db.springProperties(),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));

        // then: the child ends by itself, STOPPED, with exit code 1, part of the work done
        assertThat(stopExit).isEqualTo(ExitCodes.OK);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child stops").isTrue();
        assertThat(child.exitValue()).isEqualTo(ExitCodes.FAILED);
        assertThat(ChildRun.status(jdbc, executionId)).isEqualTo("STOPPED");
        long scoredBefore = jdbc.sql("SELECT count(*) FROM penguinmails.contacts WHERE lead_score_updated_at IS NOT NULL")
                .query(Long.class).single();
        assertThat(scoredBefore).isLessThan(3 * 1500);

        // when: it is restarted
        StringWriter out = new StringWriter();
        int restartExit = CrmSyncCli.execute(new String[] {"restart", Long.toString(executionId)},
                db.springProperties(), new PrintWriter(out), new PrintWriter(new StringWriter()));

        // then: it completes what was left, reading each contact in exactly one committed chunk overall
        assertThat(restartExit).as("restart: %s", out).isEqualTo(ExitCodes.OK);
        long resumedId = ChildRun.lastExecutionId(jdbc);
        assertThat(ChildRun.status(jdbc, resumedId)).isEqualTo("COMPLETED");
        long read = jdbc.sql("""
                        SELECT sum(read_count) FROM batch_step_execution
                        WHERE step_name LIKE 'leadScoreTenantStep:%' AND job_execution_id IN (:stopped, :resumed)""")
                .param("stopped", executionId).param("resumed", resumedId)
                .query(Long.class).single();
        assertThat(read).isEqualTo(3 * 1500);
    }
}
