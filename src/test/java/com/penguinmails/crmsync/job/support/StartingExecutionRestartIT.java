package com.penguinmails.crmsync.job.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.cli.ChildRun;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A {@code restart} of an execution in its start-up window (already STARTED in the job repository, its run not yet
 * holding its execution lock) waits for the launch to hold that lock, then refuses it as running: it never recovers
 * and reruns an execution that is only starting. The launch is held in that window by a hook, not by timing.
 */
@SpringBootTest
class StartingExecutionRestartIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.Database db = TestDatabase.create("starting_execution_restart");
        ChildRun.seededDatabase(db, 5);
        db.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    JobRunner runner;
    @Autowired
    RunLocks runLocks;
    @Autowired
    JdbcClient jdbc;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void cleanUp() {
        runLocks.beforeExecutionLock(id -> { });
        threads.shutdownNow();
    }

    @Test
    void aRestartOfAnExecutionThatIsStartingWaitsForItsLockAndRefusesIt() throws Exception {
        // given: a launch of lead-score held after its execution is STARTED and before it takes its lock
        CountDownLatch inWindow = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        runLocks.beforeExecutionLock(id -> {
            inWindow.countDown();
            await(proceed);
        });
        Future<JobExecution> launch = threads.submit(() -> runner.run("lead-score",
                new RunParameters(List.of(), Shard.ALL, 1, Instant.now())));
        assertThat(inWindow.await(60, TimeUnit.SECONDS)).as("the launch reached its start-up window").isTrue();
        long executionId = jdbc.sql("SELECT max(job_execution_id) FROM batch_job_execution").query(Long.class).single();
        assertThat(status(executionId)).isEqualTo("STARTED");

        // when: an operator restarts it while it is in that window
        Future<JobExecution> restart = threads.submit(() -> runner.restart(executionId, false));
        awaitWaitingForTheLaunchGate(restart);
        assertThat(status(executionId)).as("nothing recovered it while it was starting").isEqualTo("STARTED");
        proceed.countDown();

        // then: the restart refuses it as running, and the launch completes as the only run of it
        assertThatThrownBy(restart::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(InvalidRequestException.class).hasMessageContaining("is still running");
        assertThat(launch.get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT count(*) FROM batch_job_execution").query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void aRestartOfAnExecutionWhoseLaunchDiedInItsStartUpWindowRecoversIt() throws Exception {
        // given: a launch that fails in its start-up window (as a process dying there would: the gate goes with it)
        runLocks.beforeExecutionLock(id -> {
            throw new IllegalStateException("the launching process died");
        });
        JobExecution died = threads.submit(() -> runner.run("lead-score",
                new RunParameters(List.of(), Shard.ALL, 1, Instant.now()))).get(60, TimeUnit.SECONDS);
        runLocks.beforeExecutionLock(id -> { });
        jdbc.sql("UPDATE batch_job_execution SET status = 'STARTED', end_time = NULL WHERE job_execution_id = :id")
                .param("id", died.getId()).update();

        // when
        JobExecution restarted = runner.restart(died.getId(), false);

        // then: nobody holds it, so it is recovered and run
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(status(died.getId())).isEqualTo("FAILED");
    }

    /** Waits until the restart's thread is blocked on the launch gate (an advisory lock not granted yet). */
    private void awaitWaitingForTheLaunchGate(Future<?> restart) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (jdbc.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                .query(Long.class).single() == 0) {
            assertThat(restart.isDone()).as("the restart returned while the launch was starting").isFalse();
            assertThat(System.nanoTime()).as("the restart never waited for the launch").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private String status(long executionId) {
        return jdbc.sql("SELECT status FROM batch_job_execution WHERE job_execution_id = :id")
                .param("id", executionId).query(String.class).single();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the launch go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
