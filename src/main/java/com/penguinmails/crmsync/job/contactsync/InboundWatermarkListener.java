package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.job.support.ConnectionPartitioner;
import com.penguinmails.crmsync.store.WatermarkStore;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * When a connection's inbound partition completes, moves each object's watermark to the cursor its feed ended at,
 * and each deletion probe's to the last link of its type it asked about (see {@link DeletionProbeReader}).
 */
class InboundWatermarkListener implements StepExecutionListener {

    private final WatermarkStore watermarks;

    public InboundWatermarkListener(WatermarkStore watermarks) {
        this.watermarks = watermarks;
    }

    static String stream(String objectType) {
        return "contact-sync.inbound." + objectType;
    }

    static String probeStream(com.penguinmails.crmsync.core.ObjectType type) {
        return "contact-sync.deletion-probe." + type.name();
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution step) {
        var context = step.getExecutionContext();
        long connectionId = context.getLong(ConnectionPartitioner.CONNECTION_ID);
        String tenantId = context.getString(ConnectionPartitioner.TENANT_ID);
        boolean dryRun = "true".equals(step.getJobParameters().getString(
                com.penguinmails.crmsync.job.support.RunParameters.DRY_RUN, "false"));
        if (step.getStatus() == BatchStatus.COMPLETED && !dryRun) {
            for (var entry : context.entrySet()) {
                if (entry.getKey().startsWith(CrmChangeReader.DONE)) {
                    watermarks.set(tenantId, connectionId, stream(entry.getKey().substring(CrmChangeReader.DONE.length())),
                            String.valueOf(entry.getValue()), step.getJobExecutionId());
                }
            }
            for (var type : com.penguinmails.crmsync.core.ObjectType.values()) {
                if (context.containsKey(DeletionProbeReader.positionKey(type))) {
                    watermarks.set(tenantId, connectionId, probeStream(type),
                            context.getString(DeletionProbeReader.positionKey(type)), step.getJobExecutionId());
                }
            }
        }
        return null;
    }
}
