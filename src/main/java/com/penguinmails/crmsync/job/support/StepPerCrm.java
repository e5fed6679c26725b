package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.core.CrmKind;
import java.util.Map;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/**
 * The worker step of a {@link ConnectionPartitioner}'s partitions when how a partition runs depends on its CRM (e.g.
 * its chunk size): runs each partition's execution with the step built for the CRM its context names
 * ({@value ConnectionPartitioner#CRM}). Each delegate is a complete step with its own listeners, so restarts, step
 * scope and counts work as for any worker step.
 */
public final class StepPerCrm implements Step {

    private final String name;
    private final Map<CrmKind, Step> steps;

    /** @param steps one step for every registered CRM */
    public StepPerCrm(String name, Map<CrmKind, Step> steps) {
        this.name = name;
        this.steps = Map.copyOf(steps);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void execute(StepExecution execution) throws JobInterruptedException {
        CrmKind crm = CrmKind.of(execution.getExecutionContext().getString(ConnectionPartitioner.CRM));
        Step step = steps.get(crm);
        if (step == null) {
            throw new IllegalStateException(name + " has no step for CRM '" + crm.id() + "': this build has no provider "
                    + "for it");
        }
        step.execute(execution);
    }
}
