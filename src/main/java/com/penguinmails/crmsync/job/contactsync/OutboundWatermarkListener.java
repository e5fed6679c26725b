package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.job.support.ConnectionPartitioner;
import com.penguinmails.crmsync.store.WatermarkStore;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/** When a connection's outbound partition completes, moves its outbound watermark to the end of its change range. */
public class OutboundWatermarkListener implements StepExecutionListener {

    static final String STREAM = "contact-sync.outbound";
    static final String TO_SEQ = "toSeq";
    static final String FROM_SEQ = "fromSeq";

    private final WatermarkStore watermarks;

    public OutboundWatermarkListener(WatermarkStore watermarks) {
        this.watermarks = watermarks;
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution step) {
        boolean dryRun = "true".equals(step.getJobParameters().getString(
                com.penguinmails.crmsync.job.support.RunParameters.DRY_RUN, "false"));
        if (step.getStatus() == BatchStatus.COMPLETED && !dryRun) {
            var context = step.getExecutionContext();
            watermarks.advanceNumeric(context.getString(ConnectionPartitioner.TENANT_ID),
                    context.getLong(ConnectionPartitioner.CONNECTION_ID), STREAM, context.getLong(TO_SEQ),
                    step.getJobExecutionId());
        }
        return null;
    }
}
