package com.penguinmails.crmsync.job.leadscore;

import com.penguinmails.crmsync.job.support.TenantPartitioner;
import com.penguinmails.crmsync.store.WatermarkStore;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.jspecify.annotations.Nullable;

/**
 * Moves a tenant's {@value LeadScoreJobConfiguration#EVENTS_STREAM} watermark to the end of the partition's event
 * range once the partition has completed, and only then.
 */
class LeadScoreWatermarkListener implements StepExecutionListener {

    private final WatermarkStore watermarks;

    public LeadScoreWatermarkListener(WatermarkStore watermarks) {
        this.watermarks = watermarks;
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution step) {
        if (step.getStatus() == BatchStatus.COMPLETED) {
            var context = step.getExecutionContext();
            watermarks.advanceNumeric(context.getString(TenantPartitioner.TENANT_ID), null,
                    LeadScoreJobConfiguration.EVENTS_STREAM,
                    context.getLong(LeadScoreJobConfiguration.TO_EVENT_ID), step.getJobExecutionId());
        }
        return null;
    }
}
