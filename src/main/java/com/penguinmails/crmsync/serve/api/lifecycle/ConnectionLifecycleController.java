package com.penguinmails.crmsync.serve.api.lifecycle;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiCaller;
import com.penguinmails.crmsync.serve.api.ApiConnections;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import com.penguinmails.crmsync.serve.webhooksubscriptions.WebhookSubscriptionReconciler;
import com.penguinmails.crmsync.store.QuotaPauseStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/connections/{connectionId}/activate|pause|disconnect}: a connection's state, changed as the
 * CLI's {@code connections enable|disable|disconnect} change it (CRM webhooks re-checked, or removed before the
 * credentials go), audited with the caller.
 */
@RestController
@RequestMapping("/api/v1/connections/{connectionId}")
@ConditionalOnServe
@Tag(name = "Connection lifecycle", description = "Activate, pause and disconnect a tenant's CRM connection")
class ConnectionLifecycleController {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLifecycleController.class);

    private final ApiConnections visible;
    private final ConnectionRegistry registry;
    private final WebhookSubscriptionReconciler webhooks;
    private final QuotaPauseStore quotaPauses;

    ConnectionLifecycleController(ApiConnections visible, ConnectionRegistry registry,
                                  WebhookSubscriptionReconciler webhooks, QuotaPauseStore quotaPauses) {
        this.visible = visible;
        this.registry = registry;
        this.webhooks = webhooks;
        this.quotaPauses = quotaPauses;
    }

    /** The body of a pause: why, for the next person. */
    record PauseRequest(@Nullable String reason) {
    }

    @PostMapping("/activate")
    @Operation(summary = "Activates a paused connection: the next runs sync it again (a disconnected one cannot be "
            + "activated: connect it again)")
    ConnectionState activate(ApiCaller caller, @PathVariable long connectionId) {
        Connection connection = visible.visible(caller, connectionId);
        if (connection.status() == Connection.Status.DISCONNECTED) {
            throw new ApiProblem.Conflict("connection " + connectionId + " was disconnected and has no credentials; "
                    + "connect the same " + connection.crm().id() + " account again (POST /api/v1/connections/"
                    + connection.crm().id() + "/authorize) to reattach it with its links and history");
        }
        Connection activated = registry.enable(caller.actor(), connectionId);
        reconcileWebhooks(connectionId);
        return state(activated);
    }

    @PostMapping("/pause")
    @Operation(summary = "Pauses a connection: runs and the real-time service leave it out; its credentials, links "
            + "and history are kept")
    ConnectionState pause(ApiCaller caller, @PathVariable long connectionId,
                          @RequestBody(required = false) @Nullable PauseRequest body) {
        Connection connection = visible.visible(caller, connectionId);
        if (connection.status() == Connection.Status.DISCONNECTED) {
            throw new ApiProblem.Conflict("connection " + connectionId + " is disconnected; there is nothing to pause");
        }
        String reason = body == null || body.reason() == null || body.reason().isBlank()
                ? "paused by " + caller.actor() : body.reason().strip();
        Connection paused = registry.disable(caller.actor(), connectionId, reason);
        reconcileWebhooks(connectionId);
        return state(paused);
    }

    @PostMapping("/disconnect")
    @Operation(summary = "Disconnects a connection for good: its CRM webhooks are removed first, then its "
            + "credentials are deleted; its links and history stay (connecting the same account again reattaches it)")
    ConnectionState disconnect(ApiCaller caller, @PathVariable long connectionId) {
        visible.visible(caller, connectionId);
        WebhookSubscriptionReconciler.Removal removal = webhooks.remove(connectionId);
        if (removal.problem() != null) {
            log.warn("connection {}: {}", connectionId, removal.problem());
        }
        return state(registry.disconnect(caller.actor(), connectionId));
    }

    /** Re-checks the connection's CRM webhooks, as the CLI does; a CRM that cannot be reached is retried later. */
    private void reconcileWebhooks(long connectionId) {
        if (webhooks.reconcile(connectionId) == WebhookSubscriptionReconciler.Result.FAILED) {
            log.warn("connection {}: its CRM webhooks could not be updated now; the service tries again",
                    connectionId);
        }
    }

    private ConnectionState state(Connection connection) {
        return ConnectionState.of(connection, quotaPauses.pausedUntil(connection.id()).orElse(null));
    }
}
