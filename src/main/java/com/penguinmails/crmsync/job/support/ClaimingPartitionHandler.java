package com.penguinmails.crmsync.job.support;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
 * lock session ({@link RunLocks}) and keeps them to its end. A partition whose target another run holds does not run:
 * it fails at once, naming the execution that holds it, so this run touches nothing there and a {@code restart} picks
 * it up later. A target the service holds ({@code crm-sync serve}'s lease for one micro-batch, {@link
 * RunLocks.Holder#service()}) is waited for instead, up to {@code serviceWait} for all of them together (polled every
 * {@value #POLL_MILLIS} ms), and refused as above if still held then, or if a run took it meanwhile. A partition that
 * fails has its cause recorded ({@link FailureCause}).
 */
class ClaimingPartitionHandler extends TaskExecutorPartitionHandler {

    static final long POLL_MILLIS = 200;

    private final RunLocks runLocks;
    private final JobRepository jobRepository;
    private final Duration serviceWait;
    /** Step execution id -> why it may not run, for the partitions of the steps this handler runs now. */
    private final Map<Long, String> refused = new ConcurrentHashMap<>();

    /** @param serviceWait how long to wait, at most, for targets the service holds */
    ClaimingPartitionHandler(RunLocks runLocks, JobRepository jobRepository, Duration serviceWait) {
        this.runLocks = runLocks;
        this.jobRepository = jobRepository;
        this.serviceWait = serviceWait;
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution managerStepExecution, Set<StepExecution> partitions)
            throws Exception {
        String jobName = managerStepExecution.getJobExecution().getJobInstance().getJobName();
        long executionId = managerStepExecution.getJobExecutionId();
        RunLocks.Session session = runLocks.session(executionId);
        Map<StepExecution, LockTarget> servedNow = new LinkedHashMap<>();
        partitions.stream().sorted(Comparator.comparing(StepExecution::getStepName)).forEach(partition -> {
            LockTarget target = LockTarget.of(partition.getExecutionContext());
            if (target != null) {
                session.claim(jobName, target).ifPresent(holder -> {
                    if (holder.service()) {
                        servedNow.put(partition, target);
                    } else {
                        refuse(partition, target, holder, jobName, executionId);
                    }
                });
            }
        });
        awaitService(session, servedNow, jobName, executionId);
        try {
            return super.doHandle(managerStepExecution, partitions);
        } finally {
            partitions.forEach(partition -> refused.remove(partition.getId()));
        }
    }

    /**
     * Claims the targets the service held when the run claimed them, as the service lets them go, until
     * {@code serviceWait} has passed; refuses those still held then, or taken by a run meanwhile.
     */
    private void awaitService(RunLocks.Session session, Map<StepExecution, LockTarget> waiting, String jobName,
                              long executionId) throws InterruptedException {
        long deadline = System.nanoTime() + serviceWait.toNanos();
        while (!waiting.isEmpty()) {
            boolean last = System.nanoTime() - deadline >= 0;
            for (var it = waiting.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                Optional<RunLocks.Holder> holder = session.claim(jobName, entry.getValue());
                if (holder.isEmpty()) {
                    it.remove();
                } else if (!holder.get().service() || last) {
                    refuse(entry.getKey(), entry.getValue(), holder.get(), jobName, executionId);
                    it.remove();
                }
            }
            if (!waiting.isEmpty()) {
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    private void refuse(StepExecution partition, LockTarget target, RunLocks.Holder holder, String jobName,
                        long executionId) {
        refused.put(partition.getId(), target + " is being worked on by " + holder + " (" + jobName + "): this run"
                + " left it untouched; 'restart " + executionId + "' once that run has ended");
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
