package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.demo.DemoDataSeeder;
import com.penguinmails.crmsync.demo.DemoPlan;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The packaged CLI in a child JVM on a seeded test database, as an operator's pod would run it. */
public final class ChildRun {

    static final Instant ANCHOR = Instant.parse("2026-11-01T00:00:00Z");
    public static final List<String> TENANTS = List.of("acme-robotics", "globex", "initech");

    private ChildRun() {
    }

    /** A fresh database, migrated and seeded with {@code contacts} per demo tenant; its JdbcClient. */
    public static JdbcClient seededDatabase(TestDatabase.Database db, int contacts) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/platform").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        new DemoDataSeeder(jdbc).seed(new DemoPlan(TENANTS, contacts, 2, 5, ANCHOR));
        return jdbc;
    }

    /** Starts {@code java -jar target/crm-sync.jar args} with 5 contacts per chunk, on {@code db}. */
    static Process start(TestDatabase.Database db, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("crmsync.jar", "target/crm-sync.jar"));
        assertThat(jar).as("the packaged CLI (run through 'mvnw verify')").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcrmsync.lead-score.chunk-size=5", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("crm-sync-child", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(db.environment());
        return builder.start();
    }

    /** Waits until a partition of the child's lead-score run has committed {@code commits} chunks and still goes. */
    static void awaitCommittedChunks(JdbcClient jdbc, Process child, int commits) throws InterruptedException {
        awaitCommittedChunks(jdbc, child, "leadScoreTenantStep", commits);
    }

    /** Waits until a partition of {@code step} has committed {@code commits} chunks and is still going. */
    static void awaitCommittedChunks(JdbcClient jdbc, Process child, String step, int commits)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as("the child must still be running").isTrue();
            long started = jdbc.sql("""
                            SELECT count(*) FROM batch_step_execution
                            WHERE step_name LIKE :step || ':%' AND status = 'STARTED'
                              AND commit_count >= :commits""")
                    .param("step", step).param("commits", commits).query(Long.class).single();
            if (started > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child made no progress within 90 s");
    }

    static long lastExecutionId(JdbcClient jdbc) {
        return jdbc.sql("SELECT max(job_execution_id) FROM batch_job_execution").query(Long.class).single();
    }

    static String status(JdbcClient jdbc, long executionId) {
        return jdbc.sql("SELECT status FROM batch_job_execution WHERE job_execution_id = :id")
                .param("id", executionId).query(String.class).single();
    }
}
