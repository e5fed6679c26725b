package com.penguinmails.crmsync.job.contactpush;

import com.penguinmails.crmsync.job.support.ConnectionPartitioner;
import com.penguinmails.crmsync.store.WatermarkStore;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * When a connection's outbound partition completes, moves its outbound watermark to the settled point of the
 * partition's {@link OutboundRange} (never past a transaction that was still open when the step started), and
 * records that its unlinked contacts were scanned when the range asked for it.
 */
public class OutboundWatermarkListener implements StepExecutionListener {

    /** contact-sync's outbound watermark stream: the last contact change a connection's outbound step went through. */
    public static final String STREAM = "contact-sync.outbound";
    /** Set once a connection's outbound step has read every unlinked contact to create them in its CRM. */
    public static final String CREATE_SCAN_STREAM = "contact-sync.outbound.create-scan";

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
            String tenantId = context.getString(ConnectionPartitioner.TENANT_ID);
            long connectionId = context.getLong(ConnectionPartitioner.CONNECTION_ID);
            OutboundRange range = OutboundRange.of(context);
            watermarks.advanceNumeric(tenantId, connectionId, stream, range.horizon().settled(),
                    step.getJobExecutionId());
            if (range.createScan()) {
                watermarks.set(tenantId, connectionId, CREATE_SCAN_STREAM, Long.toString(step.getJobExecutionId()),
                        step.getJobExecutionId());
            }
        }
        return null;
    }
}
