package com.penguinmails.crmsync.job.support;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/**
 * Runs a step's partitions on the bounded partition executor, each only while its run holds the partition's
 * connection (or tenant): before any partition starts, the run claims every partition's {@link LockTarget} in its
 * lock session ({@link RunLocks}) and keeps them to its end, waiting a little (up to {@link #SERVICE_WAIT}) for a
 * target the real-time service is pushing. A partition whose target another run holds does not run:
 * it fails at once, naming the execution that holds it, so this run touches nothing there and a {@code restart} picks
 * it up later. A partition that fails has its cause recorded ({@link FailureCause}).
 */
class ClaimingPartitionHandler extends TaskExecutorPartitionHandler {

    /** How long, at most, a step's partitions wait for the real-time service to let their targets go. */
    static final Duration SERVICE_WAIT = Duration.ofSeconds(30);
    private static final Duration SERVICE_POLL = Duration.ofMillis(50);

    private final RunLocks runLocks;
    private final JobRepository jobRepository;
    /** Step execution id -> why it may not run, for the partitions of the steps this handler runs now. */
    private final Map<Long, String> refused = new ConcurrentHashMap<>();

    public ClaimingPartitionHandler(RunLocks runLocks, JobRepository jobRepository) {
        this.runLocks = runLocks;
        this.jobRepository = jobRepository;
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution managerStepExecution, Set<StepExecution> partitions)
            throws Exception {
        String jobName = managerStepExecution.getJobExecution().getJobInstance().getJobName();
        long executionId = managerStepExecution.getJobExecutionId();
        RunLocks.Session session = runLocks.session(executionId);
        long serviceDeadline = System.nanoTime() + SERVICE_WAIT.toNanos();
        partitions.stream().sorted(Comparator.comparing(StepExecution::getStepName)).forEach(partition -> {
            LockTarget target = LockTarget.of(partition.getExecutionContext());
            if (target != null) {
                claim(session, jobName, target, serviceDeadline).ifPresent(holder -> refused.put(partition.getId(),
                        target + " is being worked on by " + holder + " (" + jobName + "): this run left it"
                                + " untouched; 'restart " + executionId + "' once that run has ended"));
            }
        });
        try {
            return super.doHandle(managerStepExecution, partitions);
        } finally {
            partitions.forEach(partition -> refused.remove(partition.getId()));
        }
    }

    /**
     * Claims the target; while the real-time service holds it (a lease lasts one push of a few micro-batches), tries
     * again until {@code deadline}: the service lets a connection go between its passes and waits while a run holds
     * it.
     */
    private static Optional<RunLocks.Holder> claim(RunLocks.Session session, String jobName, LockTarget target,
                                                   long deadline) {
        Optional<RunLocks.Holder> holder = session.claim(jobName, target);
        while (holder.isPresent() && holder.get().service() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(SERVICE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return holder;
            }
            holder = session.claim(jobName, target);
        }
        return holder;
    }

    @Override
    protected FutureTask<StepExecution> createTask(Step step, StepExecution partition) {
        String refusal = refused.get(partition.getId());
        Step run = refusal == null ? step : new RefusedPartition(step.getName(), jobRepository, refusal);
        return new FutureTask<>(() -> {
            partition.getExecutionContext().remove(FailureCause.KEY);
            partition.getExecutionContext().remove(FailureCause.KIND_KEY);
            run.execute(partition);
            FailureCause.record(partition, jobRepository);
            return partition;
        });
    }

    /** A partition that may not run: it fails at once with the refusal, reading and writing nothing. */
    private static final class RefusedPartition extends AbstractStep {

        private final String refusal;

        RefusedPartition(String name, JobRepository jobRepository, String refusal) {
            super(name);
            setJobRepository(jobRepository);
            this.refusal = refusal;
        }

        @Override
        protected void doExecute(StepExecution stepExecution) {
            throw new TargetBusyException(refusal);
        }
    }

    /** The connection or tenant of a partition is held by another run. */
    static final class TargetBusyException extends RuntimeException {
        TargetBusyException(String message) {
            super(message, null, false, false);
        }
    }
}
