package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.store.TenantStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Launches, restarts, stops and abandons job executions for operators, holding the one-run-per-job-and-shard lock
 * around every launch. Runs are synchronous: a method returns when the execution has ended.
 */
@Component
public class JobRunner {

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Map<String, Job> jobs;
    private final JobRunLock runLock;
    private final TenantStore tenants;
    private final ExecutionCatalog catalog;

    public JobRunner(JobOperator jobOperator, JobRepository jobRepository, List<Job> jobs,
                     JobRunLock runLock, TenantStore tenants, ExecutionCatalog catalog) {
        this.catalog = catalog;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, job -> job));
        this.runLock = runLock;
        this.tenants = tenants;
    }

    /** The names of the jobs this suite can run. */
    public List<String> jobNames() {
        return List.copyOf(new TreeSet<>(jobs.keySet()));
    }

    /**
     * Starts a new execution of {@code jobName} and waits for it to end.
     *
     * @throws InvalidRequestException for an unknown job or tenant, or when the job already runs for that shard
     */
    public JobExecution run(String jobName, RunParameters parameters) {
        Job job = job(jobName);
        List<String> unknown = tenants.unknownIds(parameters.tenants());
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("no tenant with id " + String.join(", ", unknown)
                    + " (see 'tenants list')");
        }
        try (JobRunLock.Held lock = lockOrRefuse(jobName, parameters.shard())) {
            return jobOperator.start(job, parameters.toJobParameters());
        } catch (InvalidRequestException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot launch " + jobName + ": " + e.getMessage(), e);
        }
    }

    /**
     * Resumes an execution that failed, was stopped, or whose process died (it is still marked STARTED): only its
     * partitions that did not complete run again, each from its last committed chunk. An execution marked running
     * is recovered first when no process holds its run lock, or when {@code force} is set.
     */
    public JobExecution restart(long executionId, boolean force) {
        JobExecution execution = execution(executionId);
        String jobName = execution.getJobInstance().getJobName();
        Shard shard = RunParameters.from(execution.getJobParameters()).shard();
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
        Job job = job(jobName);
        try (JobRunLock.Held lock = lockForRestart(execution, shard, force)) {
            if (execution.isRunning()) {
                execution = jobOperator.recover(execution);
            }
            return jobOperator.restart(execution);
        } catch (InvalidRequestException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot restart execution " + executionId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The last execution of each job instance that failed, was stopped, or whose process died (marked running while
     * no process holds its run lock), oldest first: what {@code restart --all-failed} resumes.
     */
    public List<JobExecution> restartableExecutions() {
        return catalog.lastExecutionsOfUnfinishedInstances().stream()
                .map(this::execution)
                .filter(e -> !e.isRunning()
                        || !runLock.isHeld(e.getJobInstance().getJobName(),
                                RunParameters.from(e.getJobParameters()).shard()))
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

    private JobRunLock.Held lockOrRefuse(String jobName, Shard shard) {
        return runLock.tryAcquire(jobName, shard).orElseThrow(() -> new InvalidRequestException(
                jobName + " is already running for shard " + shard + " (see 'executions --status STARTED')"));
    }

    private JobRunLock.Held lockForRestart(JobExecution execution, Shard shard, boolean force) {
        String jobName = execution.getJobInstance().getJobName();
        Optional<JobRunLock.Held> lock = runLock.tryAcquire(jobName, shard);
        if (lock.isPresent()) {
            return lock.get();
        }
        if (execution.isRunning() && !force) {
            throw new InvalidRequestException("execution " + execution.getId() + " of " + jobName
                    + " is still running in another process; stop it first, or pass --force if that process is gone");
        }
        if (!force) {
            throw new InvalidRequestException(jobName + " is already running for shard " + shard
                    + "; restart once it has ended");
        }
        return runLock.tryAcquire(jobName, shard).orElseGet(JobRunLock.Held::none);
    }
}
