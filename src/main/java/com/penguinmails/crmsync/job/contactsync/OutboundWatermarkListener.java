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
    public static final String TO_SEQ = "toSeq";
    public static final String FROM_SEQ = "fromSeq";

    private final WatermarkStore watermarks;
    private final String stream;

    public OutboundWatermarkListener(WatermarkStore watermarks) {
        this(watermarks, STREAM);
    }

    /** @param stream the watermark this listener moves (another job's push of contact changes has its own) */
    public OutboundWatermarkListener(WatermarkStore watermarks, String stream) {
        this.watermarks = watermarks;
        this.stream = stream;
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution step) {
        boolean dryRun = "true".equals(step.getJobParameters().getString(
                com.penguinmails.crmsync.job.support.RunParameters.DRY_RUN, "false"));
        if (step.getStatus() == BatchStatus.COMPLETED && !dryRun) {
            var context = step.getExecutionContext();
            watermarks.advanceNumeric(context.getString(ConnectionPartitioner.TENANT_ID),
                    context.getLong(ConnectionPartitioner.CONNECTION_ID), stream, context.getLong(TO_SEQ),
                    step.getJobExecutionId());
        }
        return null;
    }
}
