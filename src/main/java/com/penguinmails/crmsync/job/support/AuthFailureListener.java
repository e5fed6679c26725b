package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * When a connection's partition failed because the CRM refused its authorisation, marks the connection
 * {@code auth_failed}: later runs skip it until an operator authorises it again, instead of failing every hour.
 */
class AuthFailureListener implements StepExecutionListener {

    private final ConnectionRegistry connections;

    public AuthFailureListener(ConnectionRegistry connections) {
        this.connections = connections;
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution step) {
        long connectionId = step.getExecutionContext().getLong(ConnectionPartitioner.CONNECTION_ID);
        for (Throwable failure : step.getFailureExceptions()) {
            var revoked = ConnectionWideFailures.authRevoked(failure);
            if (revoked.isPresent()) {
                connections.markAuthFailed(connectionId, revoked.get().getMessage());
                return null;
            }
        }
        return null;
    }
}
