package com.penguinmails.crmsync.serve.api.lifecycle;

import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import com.penguinmails.crmsync.serve.webhooksubscriptions.WebhookSubscriptionReconciler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Activates, pauses and disconnects a connection the caller may see, as the CLI's {@code connections
 * enable|disable|disconnect} do (CRM webhooks re-checked, or removed before the credentials go), audited with the
 * actor by {@link ConnectionRegistry}. The API ({@link ConnectionLifecycleController}) and the console call it.
 */
@Service
@ConditionalOnServe
public class ConnectionLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLifecycle.class);

    private final ConnectionRegistry registry;
    private final WebhookSubscriptionReconciler webhooks;

    ConnectionLifecycle(ConnectionRegistry registry, WebhookSubscriptionReconciler webhooks) {
        this.registry = registry;
        this.webhooks = webhooks;
    }

    /** Activates {@code connection}. @throws ApiProblem.Conflict when it was disconnected (connect it again) */
    public Connection activate(Actor actor, Connection connection) {
        if (connection.status() == Connection.Status.DISCONNECTED) {
            throw new ApiProblem.Conflict("connection " + connection.id() + " was disconnected and has no "
                    + "credentials; connect the same " + connection.crm().id() + " account again (POST "
                    + "/api/v1/connections/" + connection.crm().id() + "/authorize) to reattach it with its links "
                    + "and history");
        }
        Connection activated = registry.enable(actor, connection.id());
        reconcileWebhooks(connection.id());
        return activated;
    }

    /**
     * Pauses {@code connection} with {@code reason} ({@code paused by <actor>} when none).
     *
     * @throws ApiProblem.Conflict when it was disconnected
     */
    public Connection pause(Actor actor, Connection connection, @Nullable String reason) {
        if (connection.status() == Connection.Status.DISCONNECTED) {
            throw new ApiProblem.Conflict("connection " + connection.id() + " is disconnected; there is nothing to "
                    + "pause");
        }
        String why = reason == null || reason.isBlank() ? "paused by " + actor : reason.strip();
        Connection paused = registry.disable(actor, connection.id(), why);
        reconcileWebhooks(connection.id());
        return paused;
    }

    /** Disconnects {@code connection} for good: its CRM webhooks are removed first, then its credentials. */
    public Connection disconnect(Actor actor, Connection connection) {
        WebhookSubscriptionReconciler.Removal removal = webhooks.remove(connection.id());
        if (removal.problem() != null) {
            log.warn("connection {}: {}", connection.id(), removal.problem());
        }
        return registry.disconnect(actor, connection.id());
    }

    /** Re-checks the connection's CRM webhooks, as the CLI does; a CRM that cannot be reached is retried later. */
    private void reconcileWebhooks(long connectionId) {
        if (webhooks.reconcile(connectionId) == WebhookSubscriptionReconciler.Result.FAILED) {
            log.warn("connection {}: its CRM webhooks could not be updated now; the service tries again",
                    connectionId);
        }
    }
}
