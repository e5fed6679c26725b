package com.penguinmails.crmsync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.job.support.JobRunner;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.store.ContactChangeStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Spring wiring the job ITs share: the beans each of them uses to run a job for its tenants, connect them to
 * sandboxes and read what the job wrote. A subclass keeps its own {@code @SpringBootTest} and its own
 * {@code @DynamicPropertySource} naming its database ({@link SandboxConnections#register}), so no two classes share
 * a database or a context.
 */
public abstract class SyncJobIT {

    @Autowired
    protected JobRunner runner;
    @Autowired
    protected ConnectionRegistry registry;
    @Autowired
    protected ContactChangeStore changes;
    @Autowired
    protected JdbcClient jdbc;

    /** Runs the job for {@code tenants} (every tenant for none), all shards, {@code concurrency} wide, as of now. */
    protected JobExecution run(String job, int concurrency, String... tenants) {
        return runner.run(job, new RunParameters(List.of(tenants), Shard.ALL, concurrency, Instant.now()));
    }

    /** What the job wrote about a connection's CRM people: links, their contacts, the connection's list. */
    protected ConnectionRecords records() {
        return new ConnectionRecords(jdbc);
    }

    /** Inserts a tenant of PenguinMails. */
    protected void tenant(String id, String name) {
        SandboxConnections.tenant(jdbc, id, name);
    }

    /** The single number a query answers ({@code SELECT count(*) ...}). */
    protected long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** The partitions' step executions of a run, by partition ({@code tenant-globex}: what follows the step's ':'). */
    protected static Map<String, StepExecution> partitions(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(s -> s.getStepName().contains(":"))
                .collect(Collectors.toMap(s -> s.getStepName().substring(s.getStepName().indexOf(':') + 1), s -> s));
    }

    /** Fails the test, naming the failures, unless the run completed. */
    protected static void assertCompleted(@Nullable JobExecution execution) {
        assertThat(execution).isNotNull();
        assertThat(execution.getStatus()).as("%s", execution.getAllFailureExceptions())
                .isEqualTo(BatchStatus.COMPLETED);
    }
}
