package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.job.support.ConnectionPartitioner;
import com.penguinmails.crmsync.store.WatermarkStore;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * When a connection's inbound partition completes, moves each object's watermark to the cursor its feed ended at;
 * when it failed because the CRM refused the connection's authorisation, marks the connection {@code auth_failed} so
 * later runs skip it until an operator authorises it again.
 */
public class InboundWatermarkListener implements StepExecutionListener {

    private final WatermarkStore watermarks;
    private final ConnectionRegistry connections;

    public InboundWatermarkListener(WatermarkStore watermarks, ConnectionRegistry connections) {
        this.watermarks = watermarks;
        this.connections = connections;
    }

    static String stream(String objectType) {
        return "contact-sync.inbound." + objectType;
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution step) {
        var context = step.getExecutionContext();
        long connectionId = context.getLong(ConnectionPartitioner.CONNECTION_ID);
        String tenantId = context.getString(ConnectionPartitioner.TENANT_ID);
        if (step.getStatus() == BatchStatus.COMPLETED) {
            for (var entry : context.entrySet()) {
                if (entry.getKey().startsWith(CrmChangeReader.DONE)) {
                    watermarks.set(tenantId, connectionId, stream(entry.getKey().substring(CrmChangeReader.DONE.length())),
                            String.valueOf(entry.getValue()), step.getJobExecutionId());
                }
            }
        }
        for (Throwable failure : step.getFailureExceptions()) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof CrmUnavailableException e && e.reason() == CrmUnavailableException.Reason.AUTH_REVOKED) {
                    connections.markAuthFailed(connectionId, e.getMessage());
                }
            }
        }
        return null;
    }
}
