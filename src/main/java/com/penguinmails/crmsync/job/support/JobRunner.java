package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.metrics.PushgatewayPublisher;
import com.penguinmails.crmsync.metrics.SyncMetrics;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.store.TenantStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Launches, restarts, stops and abandons job executions for operators. A launch whose connections (or tenants) are all
 * held by live runs is refused before anything is written; otherwise each partition runs only while its run holds its
 * connection ({@link RunLocks}). Runs are synchronous: a method returns when the execution has ended.
 */
@Component
public class JobRunner {

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Map<String, Job> jobs;
    private final RunLocks runLocks;
    private final TenantStore tenants;
    private final ConnectionStore connections;
    private final ExecutionCatalog catalog;
    private final SyncMetrics metrics;
    private final ObjectProvider<PushgatewayPublisher> pushgateway;
    private final QuotaPauses quotaPauses;

    public JobRunner(JobOperator jobOperator, JobRepository jobRepository, List<Job> jobs,
                     RunLocks runLocks, TenantStore tenants, ConnectionStore connections, ExecutionCatalog catalog,
                     SyncMetrics metrics, ObjectProvider<PushgatewayPublisher> pushgateway, QuotaPauses quotaPauses) {
        this.quotaPauses = quotaPauses;
        this.catalog = catalog;
        this.metrics = metrics;
        this.pushgateway = pushgateway;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, job -> job));
        this.runLocks = runLocks;
        this.tenants = tenants;
        this.connections = connections;
    }

    /** The names of the jobs this suite can run. */
    public List<String> jobNames() {
        return List.copyOf(new TreeSet<>(jobs.keySet()));
    }

    /**
     * Starts a new execution of {@code jobName} and waits for it to end. Connections whose API-allocation pause has
     * ended are resumed first ({@link QuotaPauses}); the ones still paused are left out.
     *
     * @throws InvalidRequestException for an unknown job, a tenant or connection that does not exist or is outside the
     *                                 run's selection, or when live runs of the job hold everything it selects
     */
    public JobExecution run(String jobName, RunParameters parameters) {
        Job job = job(jobName);
        checkSelection(parameters);
        quotaPauses.resumeEnded();
        refuseWhenAllHeld(jobName, parameters, "nothing was started");
        long started = System.nanoTime();
        JobExecution execution = null;
        try (RunLocks.Launch launch = runLocks.launching()) {
            execution = jobOperator.start(job, parameters.toJobParameters());
            return execution;
        } catch (InvalidRequestException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot launch " + jobName + ": " + e.getMessage(), e);
        } finally {
            ended(jobName, execution, started);
        }
    }

    /**
     * Resumes an execution that failed, was stopped, or whose process died (it is still marked STARTED): only its
     * partitions that did not complete run again, each from its last committed chunk. An execution marked running
     * is recovered first when no process holds its execution lock (its process is gone), or when {@code force} is
     * set. Even forced, a partition never runs while another live run holds its connection.
     */
    public JobExecution restart(long executionId, boolean force) {
        JobExecution execution = execution(executionId);
        String jobName = execution.getJobInstance().getJobName();
        BatchStatus status = execution.getStatus();
        if (status == BatchStatus.COMPLETED) {
            throw new InvalidRequestException("execution " + executionId + " of " + jobName
                    + " completed; there is nothing to restart");
        }
        if (status == BatchStatus.ABANDONED) {
            throw new InvalidRequestException("execution " + executionId + " of " + jobName
                    + " was abandoned and cannot be restarted; start a new run instead");
        }
        if (newerExecutionOf(execution).isPresent()) {
            throw new InvalidRequestException("execution " + executionId + " of " + jobName
                    + " was already restarted as execution " + newerExecutionOf(execution).get().getId());
        }
        job(jobName);
        if (execution.isRunning() && !force && runLocks.isRunning(executionId)) {
            throw new InvalidRequestException("execution " + executionId + " of " + jobName
                    + " is still running in another process; stop it first, or pass --force if that process is gone");
        }
        refuseWhenAllHeld(jobName, RunParameters.from(execution.getJobParameters()), "nothing was changed");
        long started = System.nanoTime();
        JobExecution restarted = null;
        try (RunLocks.Launch launch = runLocks.launching()) {
            if (execution.isRunning()) {
                execution = jobOperator.recover(execution);
            }
            restarted = jobOperator.restart(execution);
            return restarted;
        } catch (InvalidRequestException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot restart execution " + executionId + ": " + e.getMessage(), e);
        } finally {
            ended(jobName, restarted, started);
        }
    }

    /**
     * The last execution of each job instance that failed, was stopped, or whose process died (marked running while
     * no process holds its execution lock), oldest first: what {@code restart --all-failed} resumes.
     */
    public List<JobExecution> restartableExecutions() {
        return catalog.lastExecutionsOfUnfinishedInstances().stream()
                .map(this::execution)
                .filter(e -> !e.isRunning() || !runLocks.isRunning(e.getId()))
                .toList();
    }

    /** Asks a running execution to stop at its next chunk boundary (it may run in another process). */
    public JobExecution stop(long executionId) {
        JobExecution execution = execution(executionId);
        try {
            jobOperator.stop(execution);
            return execution(executionId);
        } catch (JobExecutionNotRunningException e) {
            throw new InvalidRequestException("execution " + executionId + " is not running (it is "
                    + execution.getStatus() + ")");
        }
    }

    /** Marks a stopped or failed execution ABANDONED, so it is never restarted. */
    public JobExecution abandon(long executionId) {
        JobExecution execution = execution(executionId);
        if (execution.isRunning()) {
            throw new InvalidRequestException("execution " + executionId + " is " + execution.getStatus()
                    + "; stop it first ('stop " + executionId + "')");
        }
        try {
            return jobOperator.abandon(execution);
        } catch (Exception e) {
            throw new InvalidRequestException("cannot abandon execution " + executionId + ": " + e.getMessage());
        }
    }

    /**
     * A launched run ended (its execution, or none when it could not start): its duration by status, then its meters
     * pushed to the Pushgateway when one is set (a CronJob's pod ends right after).
     */
    private void ended(String jobName, @Nullable JobExecution execution, long startedNanos) {
        String status = execution == null ? "FAILED" : execution.getStatus().name();
        metrics.jobEnded(jobName, status, java.time.Duration.ofNanos(System.nanoTime() - startedNanos));
        pushgateway.ifAvailable(publisher -> publisher.push(jobName));
    }

    /** @throws InvalidRequestException when there is no such execution */
    public JobExecution execution(long executionId) {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(executionId);
        } catch (EmptyResultDataAccessException e) {
            execution = null;
        }
        if (execution == null) {
            throw new InvalidRequestException("no job execution with id " + executionId + " (see 'executions')");
        }
        return execution;
    }

    private Job job(String jobName) {
        Job job = jobs.get(jobName);
        if (job == null) {
            throw new InvalidRequestException("no job named '" + jobName + "'; jobs: " + String.join(", ", jobNames()));
        }
        return job;
    }

    private Optional<JobExecution> newerExecutionOf(JobExecution execution) {
        JobExecution last = jobRepository.getLastJobExecution(execution.getJobInstance());
        return last != null && last.getId() != execution.getId() ? Optional.of(last) : Optional.empty();
    }

    /** A tenant or connection the run names must exist and fall within the run's shard (and tenants). */
    private void checkSelection(RunParameters run) {
        List<String> unknown = tenants.unknownIds(run.tenants());
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("no tenant with id " + String.join(", ", unknown)
                    + " (see 'tenants list')");
        }
        for (String tenant : run.tenants()) {
            if (!run.shard().contains(tenant)) {
                throw new InvalidRequestException("tenant " + tenant + " is not in shard " + run.shard()
                        + " (it is in shard " + Shard.shardOf(tenant, run.shard().count()) + "/" + run.shard().count()
                        + ")");
            }
        }
        for (long id : run.connections()) {
            Connection connection = connections.find(id).orElseThrow(() -> new InvalidRequestException(
                    "no connection with id " + id + " (see 'connections list')"));
            if (!run.tenants().isEmpty() && !run.tenants().contains(connection.tenantId())) {
                throw new InvalidRequestException("connection " + id + " belongs to tenant " + connection.tenantId()
                        + ", which is not among the run's tenants (" + String.join(", ", run.tenants()) + ")");
            }
            if (!run.shard().contains(connection.tenantId())) {
                throw new InvalidRequestException("connection " + id + " (tenant " + connection.tenantId()
                        + ") is not in shard " + run.shard());
            }
        }
    }

    /**
     * Refuses a launch when live runs of the job hold every connection it selects (or every tenant, for a job
     * partitioned by tenant): it could do nothing. Partly held selections go ahead; their held partitions fail. A
     * target the service holds for a micro-batch ({@link RunLocks.Holder#service()}) is not held by a run: the
     * launch goes ahead and its partition waits for the lease ({@link ClaimingPartitionHandler}).
     */
    private void refuseWhenAllHeld(String jobName, RunParameters run, String outcome) {
        List<LockTarget> connectionTargets = new ConnectionPartitioner(connections, run).selected().stream()
                .map(c -> LockTarget.connection(c.id())).toList();
        List<LockTarget> tenantTargets = new TenantPartitioner(tenants, run).selected().stream()
                .map(t -> LockTarget.tenant(t.id())).toList();
        List<LockTarget> all = new ArrayList<>(connectionTargets);
        all.addAll(tenantTargets);
        Map<LockTarget, RunLocks.Holder> holders = runLocks.holders(jobName, all);
        holders.values().removeIf(RunLocks.Holder::service);
        boolean connectionsHeld = !connectionTargets.isEmpty() && holders.keySet().containsAll(connectionTargets);
        boolean tenantsHeld = !tenantTargets.isEmpty() && holders.keySet().containsAll(tenantTargets);
        if (connectionsHeld || tenantsHeld) {
            Map<RunLocks.Holder, List<String>> byHolder = new LinkedHashMap<>();
            holders.forEach((target, holder) -> byHolder.computeIfAbsent(holder, h -> new ArrayList<>())
                    .add(target.toString()));
            throw new InvalidRequestException(jobName + " is already running for everything this run selects ("
                    + byHolder.entrySet().stream().map(e -> e.getKey() + " holds " + String.join(", ", e.getValue()))
                            .collect(Collectors.joining("; "))
                    + "); " + outcome + " (see 'executions --status STARTED')");
        }
    }
}
