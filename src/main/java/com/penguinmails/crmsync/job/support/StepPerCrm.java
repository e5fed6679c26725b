package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.core.CrmKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
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

    /** @param steps one step for every CRM */
    public StepPerCrm(String name, Map<CrmKind, Step> steps) {
        for (CrmKind crm : CrmKind.values()) {
            Objects.requireNonNull(steps.get(crm), () -> name + " has no step for " + crm.id());
        }
        this.name = name;
        this.steps = new EnumMap<>(steps);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void execute(StepExecution execution) throws JobInterruptedException {
        CrmKind crm = CrmKind.fromId(execution.getExecutionContext().getString(ConnectionPartitioner.CRM));
        steps.get(crm).execute(execution);
    }
}
