package com.penguinmails.crmsync.job.engagementsync;

import com.penguinmails.crmsync.job.support.ConnectionPartitioner;
import com.penguinmails.crmsync.store.WatermarkStore;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/** When a connection's partition completes, moves its event watermark to the end of the range the run fixed. */
public class EngagementWatermarkListener implements StepExecutionListener {

    /** The watermark stream: the id of the last engagement event a connection's run went through. */
    public static final String STREAM = "engagement-sync.events";
    static final String FROM_EVENT_ID = "fromEventId";
    static final String TO_EVENT_ID = "toEventId";
    /** Epoch milliseconds: events that occurred earlier are not logged (the look-back of a first run). */
    static final String NOT_BEFORE = "notBefore";

    private final WatermarkStore watermarks;

    public EngagementWatermarkListener(WatermarkStore watermarks) {
        this.watermarks = watermarks;
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution step) {
        if (step.getStatus() == BatchStatus.COMPLETED) {
            var context = step.getExecutionContext();
            watermarks.advanceNumeric(context.getString(ConnectionPartitioner.TENANT_ID),
                    context.getLong(ConnectionPartitioner.CONNECTION_ID), STREAM, context.getLong(TO_EVENT_ID),
                    step.getJobExecutionId());
        }
        return null;
    }
}
