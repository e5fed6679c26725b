package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one connection's partition the way its worker step ({@link PartitionedSteps#connectionWorker}) would, outside a
 * job run, for the real-time service: the same reader and writer, a chunk (a micro-batch) per transaction through the
 * {@link RecordSafetyNet}, the reader's position kept with each chunk, the step's own listeners and then the auth
 * failure and API usage listeners every connection step has, before and after. The partition's execution is not
 * stored: it lives for one push and carries job execution id {@value #SERVICE_EXECUTION_ID} (what the service writes
 * to {@code sync_errors}, {@code sync_audit} and {@code watermarks} says so). A push asked to stop ends after the
 * chunk it is writing, as a stopped step: its listeners then move no watermark, and the next push reads the rest
 * again (what was written costs no CRM call twice).
 */
@Component
public class MicroBatchRunner {

    /** The job execution id of the service's pushes: no run of the job made them. */
    public static final long SERVICE_EXECUTION_ID = 0L;

    private final PlatformTransactionManager transactionManager;
    private final ConnectionRegistry connections;
    private final StepMetricsListener stepMetrics;

    public MicroBatchRunner(PlatformTransactionManager transactionManager, ConnectionRegistry connections,
                            com.penguinmails.crmsync.metrics.SyncMetrics metrics) {
        this.transactionManager = transactionManager;
        this.connections = connections;
        this.stepMetrics = new StepMetricsListener(metrics);
    }

    /**
     * What a push did.
     *
     * @param read      items read
     * @param written   items written (dead-lettered ones not counted)
     * @param completed whether it read to the end of its range (else it stopped early, on request)
     */
    public record Outcome(long read, long written, boolean completed) {
    }

    /** A partition of {@code connection} for {@code jobName}'s step {@code stepName}, as its partitioner makes it. */
    public static StepExecution partition(String jobName, String stepName, Connection connection) {
        JobExecution job = new JobExecution(SERVICE_EXECUTION_ID, new JobInstance(SERVICE_EXECUTION_ID, jobName),
                new JobParameters());
        StepExecution step = new StepExecution(stepName, job);
        step.setExecutionContext(ConnectionPartitioner.context(connection));
        return step;
    }

    /**
     * Reads and writes the partition's range in chunks of {@code chunkSize}, each in one transaction.
     *
     * @param stopping  asked after each chunk: true ends the push there
     * @param apiUsage  the job's API usage listener
     * @param listeners the step's own listeners, as its job configuration gives them
     * @throws Exception the failure of a chunk that no record causes (after the listeners saw the step fail)
     */
    public <T> Outcome run(StepExecution partition, int chunkSize, ItemStreamReader<? extends T> reader,
                           NarrowableWriter<T> writer, BooleanSupplier stopping, ApiUsageListener apiUsage,
                           StepExecutionListener... listeners) throws Exception {
        List<StepExecutionListener> all = new ArrayList<>(List.of(listeners));
        all.add(0, stepMetrics);
        all.add(new AuthFailureListener(connections));
        all.add(apiUsage);
        RecordSafetyNet<T> safetyNet = RecordSafetyNet.around(writer, transactionManager);
        TransactionTemplate chunks = new TransactionTemplate(transactionManager);
        StepSynchronizationManager.register(partition);
        try {
            partition.setStatus(BatchStatus.STARTED);
            all.forEach(listener -> listener.beforeStep(partition));
            boolean completed = false;
            try {
                reader.open(partition.getExecutionContext());
                try {
                    while (!completed && !stopping.getAsBoolean()) {
                        Integer done = chunks.execute(status -> {
                            List<T> items = new ArrayList<>(chunkSize);
                            for (T item; items.size() < chunkSize && (item = read(reader)) != null; ) {
                                items.add(item);
                            }
                            if (!items.isEmpty()) {
                                write(safetyNet, items);
                                reader.update(partition.getExecutionContext());
                            }
                            return items.size();
                        });
                        int size = done == null ? 0 : done;
                        partition.setReadCount(partition.getReadCount() + size);
                        partition.setWriteCount(partition.getWriteCount() + size);
                        completed = size < chunkSize;
                    }
                } finally {
                    reader.close();
                }
            } catch (RecordSafetyNet.CheckedFailure failure) {
                end(partition, all, BatchStatus.FAILED, failure.getCause());
                throw failure.getCause();
            } catch (RuntimeException failure) {
                end(partition, all, BatchStatus.FAILED, failure);
                throw failure;
            }
            end(partition, all, completed ? BatchStatus.COMPLETED : BatchStatus.STOPPED, null);
            return new Outcome(partition.getReadCount(), partition.getWriteCount(), completed);
        } finally {
            StepSynchronizationManager.close();
        }
    }

    private static <T> @Nullable T read(ItemStreamReader<? extends T> reader) {
        try {
            return reader.read();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RecordSafetyNet.CheckedFailure(e);
        }
    }

    private static <T> void write(RecordSafetyNet<T> safetyNet, List<T> items) {
        try {
            safetyNet.write(new Chunk<>(items));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RecordSafetyNet.CheckedFailure(e);
        }
    }

    /** The step's end as its listeners see it: its status, its failure; then each listener's afterStep, last first. */
    private static void end(StepExecution partition, List<StepExecutionListener> listeners, BatchStatus status,
                            @Nullable Throwable failure) {
        partition.setStatus(status);
        partition.setExitStatus(status == BatchStatus.COMPLETED ? ExitStatus.COMPLETED
                : status == BatchStatus.STOPPED ? ExitStatus.STOPPED : ExitStatus.FAILED);
        if (failure != null) {
            partition.addFailureException(failure);
        }
        for (int i = listeners.size() - 1; i >= 0; i--) {
            listeners.get(i).afterStep(partition);
        }
    }
}
