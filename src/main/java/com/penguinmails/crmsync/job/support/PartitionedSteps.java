package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds every job's partitioned steps one way. A manager step splits the run with its partitioner (one partition
 * per connection or tenant; the grid size is not used) and runs the worker step once per partition on the bounded
 * partition executor, each partition only while its run holds the partition's connection or tenant
 * ({@link ClaimingPartitionHandler}). A connection's worker step writes each chunk in one transaction through the
 * {@link RecordSafetyNet}, with the job's own listeners first and then the ones every connection step has: auth
 * failures, API usage, run progress; around them all, its logging MDC and metrics ({@link StepMetricsListener}).
 */
public final class PartitionedSteps {

    private final JobRepository jobRepository;
    private final TaskExecutor partitionTaskExecutor;
    private final RunLocks runLocks;
    private final PlatformTransactionManager transactionManager;
    private final ConnectionRegistry connections;
    private final RunProgress runProgress;
    private final java.time.Duration serviceWait;
    private final StepMetricsListener stepMetrics;
    private final QuotaPauses quotaPauses;

    /**
     * @param partitionTaskExecutor the job-scoped bounded executor ({@link PartitionExecutorConfiguration})
     * @param serviceWait           how long a run waits, at most, for targets the service holds
     * @param quotaPauses           pauses a connection whose partition reached its API allocation
     */
    public PartitionedSteps(JobRepository jobRepository, TaskExecutor partitionTaskExecutor, RunLocks runLocks,
                            PlatformTransactionManager transactionManager, ConnectionRegistry connections,
                            RunProgress runProgress, java.time.Duration serviceWait,
                            com.penguinmails.crmsync.metrics.SyncMetrics metrics, QuotaPauses quotaPauses) {
        this.quotaPauses = quotaPauses;
        this.jobRepository = jobRepository;
        this.partitionTaskExecutor = partitionTaskExecutor;
        this.runLocks = runLocks;
        this.transactionManager = transactionManager;
        this.connections = connections;
        this.runProgress = runProgress;
        this.serviceWait = serviceWait;
        this.stepMetrics = new StepMetricsListener(metrics);
    }

    /** The manager step {@code name}: runs {@code worker} once per partition {@code partitioner} makes. */
    public Step manager(String name, Partitioner partitioner, Step worker) {
        var handler = new ClaimingPartitionHandler(runLocks, jobRepository, serviceWait);
        handler.setStep(worker);
        handler.setTaskExecutor(partitionTaskExecutor);
        return new StepBuilder(name, jobRepository)
                .partitioner(worker.getName(), partitioner)
                .partitionHandler(handler)
                .build();
    }

    /**
     * A connection's worker step: chunks of {@code chunkSize} items read by {@code reader}, written by {@code writer}
     * inside the safety net, a chunk per transaction.
     *
     * @param apiUsage  the job's API usage listener (one per job: it remembers what it recorded across its steps)
     * @param listeners the step's own listeners (its watermark ...), called before the common ones
     */
    public <T> Step connectionWorker(String name, int chunkSize, ItemReader<? extends T> reader,
                                     NarrowableWriter<T> writer, ApiUsageListener apiUsage,
                                     StepExecutionListener... listeners) {
        ChunkOrientedStepBuilder<T, T> step = new StepBuilder(name, jobRepository)
                .<T, T>chunk(chunkSize)
                .transactionManager(transactionManager)
                .reader(reader)
                .writer(RecordSafetyNet.around(writer, transactionManager));
        // first registered, so its afterStep runs last: the step's own listeners still see a failed partition
        step.listener(new QuotaPauseListener(quotaPauses));
        step.listener(stepMetrics);
        for (StepExecutionListener listener : listeners) {
            step.listener(listener);
        }
        return step
                .listener(new AuthFailureListener(connections))
                .listener(apiUsage)
                .listener(runProgress)
                .build();
    }
}
