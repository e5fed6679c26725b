package com.penguinmails.crmsync.job.engagementsync;

import com.penguinmails.crmsync.job.support.ConnectionPartitioner;
import com.penguinmails.crmsync.store.WatermarkStore;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Moves a connection's event watermark to the end of the range the run fixed when its partition completes; and
 * remembers how far attempts got, so a later attempt knows which e-mails an unfinished one may have logged already:
 * before each attempt (a first run or a restart) the partition's {@value #SUSPECT_UP_TO} is set to the furthest event
 * any earlier attempt reached, then the attempted position is moved to the range's end.
 */
class EngagementWatermarkListener implements StepExecutionListener {

    /** The watermark stream: the id of the last engagement event a connection's run went through. */
    public static final String STREAM = "engagement-sync.events";
    static final String FROM_EVENT_ID = "fromEventId";
    static final String TO_EVENT_ID = "toEventId";
    /** Epoch milliseconds: events that occurred earlier are not logged (the look-back of a first run). */
    static final String NOT_BEFORE = "notBefore";
    /** The stream holding the furthest event id an attempt of the connection set out to log. */
    static final String ATTEMPTED_STREAM = "engagement-sync.attempted";
    /** Events up to this id may have been logged by an attempt that did not finish. */
    static final String SUSPECT_UP_TO = "suspectUpTo";

    private final WatermarkStore watermarks;

    public EngagementWatermarkListener(WatermarkStore watermarks) {
        this.watermarks = watermarks;
    }

    @Override
    public void beforeStep(StepExecution step) {
        var context = step.getExecutionContext();
        String tenantId = context.getString(ConnectionPartitioner.TENANT_ID);
        long connectionId = context.getLong(ConnectionPartitioner.CONNECTION_ID);
        long attempted = watermarks.position(tenantId, connectionId, ATTEMPTED_STREAM).map(Long::parseLong)
                .orElse(0L);
        context.putLong(SUSPECT_UP_TO, attempted);
        long to = context.getLong(TO_EVENT_ID);
        if (to > attempted) {
            watermarks.set(tenantId, connectionId, ATTEMPTED_STREAM, Long.toString(to), step.getJobExecutionId());
        }
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
