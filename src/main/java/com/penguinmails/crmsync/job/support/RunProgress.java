package com.penguinmails.crmsync.job.support;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * The partitions running in this process, for progress display: a listener on every worker step registers its
 * execution when it starts and forgets it when it ends. Counts are read live from the step executions.
 */
@Component
public class RunProgress implements StepExecutionListener {

    private final ConcurrentMap<Long, StepExecution> running = new ConcurrentHashMap<>();

    @Override
    public void beforeStep(StepExecution stepExecution) {
        running.put(stepExecution.getId(), stepExecution);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        running.remove(stepExecution.getId());
        return stepExecution.getExitStatus();
    }

    /** Snapshot of the running partitions, by step name. */
    public List<StepExecution> running() {
        return running.values().stream()
                .sorted((a, b) -> a.getStepName().compareTo(b.getStepName()))
                .toList();
    }
}
