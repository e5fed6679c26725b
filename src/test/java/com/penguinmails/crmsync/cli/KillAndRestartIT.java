package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.demo.DemoDataSeeder;
import com.penguinmails.crmsync.demo.DemoPlan;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code kill -9} of the packaged CLI in the middle of a run, then {@code restart}: the execution left STARTED is
 * recovered and resumed, every partition from its last committed chunk, and the scores end as an uninterrupted run's.
 */
class KillAndRestartIT {

    static final Instant ANCHOR = Instant.parse("2026-11-01T00:00:00Z");
    static final String AS_OF = "2026-11-02T00:00:00Z";
    static final List<String> TENANTS = List.of("acme-robotics", "globex", "initech");
    static final int CONTACTS = 1200;

    @Test
    void aRunKilledMidPartitionIsRecoveredAndResumedWithoutRecomputingCommittedChunks() throws Exception {
        // given: a migrated, seeded database
        TestDatabase.Database db = TestDatabase.create("kill_restart");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/platform").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        new DemoDataSeeder(jdbc).seed(new DemoPlan(TENANTS, CONTACTS, 2, 5, ANCHOR));

        // when: the packaged CLI runs lead-score in a child JVM, 5 contacts per chunk, and is killed mid-run
        Process child = startChild(db, "run", "lead-score", "--concurrency", "2", "--as-of", AS_OF);
        awaitCommittedChunks(jdbc, child, 3);
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
        DriverManagerDataSource referenceSource =
                new DriverManagerDataSource(reference.url(), reference.username(), reference.password());
        Flyway.configure().dataSource(referenceSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/platform").load().migrate();
        JdbcClient referenceJdbc = JdbcClient.create(referenceSource);
        new DemoDataSeeder(referenceJdbc).seed(new DemoPlan(TENANTS, CONTACTS, 2, 5, ANCHOR));
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
        return jdbc.sql("SELECT status FROM batch_job_execution WHERE job_execution_id = :id")
                .param("id", executionId).query(String.class).single();
    }

    private static Process startChild(TestDatabase.Database db, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("crmsync.jar", "target/crm-sync.jar"));
        assertThat(jar).as("the packaged CLI (run through 'mvnw verify')").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcrmsync.lead-score.chunk-size=5", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("kill-restart-child", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(db.environment());
        return builder.start();
    }

    private static void awaitCommittedChunks(JdbcClient jdbc, Process child, int commits) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as("the child must still be running when it is killed").isTrue();
            long started = jdbc.sql("""
                            SELECT count(*) FROM batch_step_execution
                            WHERE step_name LIKE 'leadScoreTenantStep:%' AND status = 'STARTED'
                              AND commit_count >= :commits""")
                    .param("commits", commits).query(Long.class).single();
            if (started > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child made no progress within 90 s");
    }
}
