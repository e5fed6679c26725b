package com.penguinmails.crmsync.serve.api.lifecycle;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiCaller;
import com.penguinmails.crmsync.serve.api.ApiConnections;
import com.penguinmails.crmsync.store.QuotaPauseStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/connections/{connectionId}/activate|pause|disconnect}: a connection's state, changed through
 * {@link ConnectionLifecycle} as the CLI's {@code connections enable|disable|disconnect} change it, audited with the
 * caller.
 */
@RestController
@RequestMapping("/api/v1/connections/{connectionId}")
@ConditionalOnServe
@Tag(name = "Connection lifecycle", description = "Activate, pause and disconnect a tenant's CRM connection")
class ConnectionLifecycleController {

    private final ApiConnections visible;
    private final ConnectionLifecycle lifecycle;
    private final QuotaPauseStore quotaPauses;

    ConnectionLifecycleController(ApiConnections visible, ConnectionLifecycle lifecycle,
                                  QuotaPauseStore quotaPauses) {
        this.visible = visible;
        this.lifecycle = lifecycle;
        this.quotaPauses = quotaPauses;
    }

    /** The body of a pause: why, for the next person. */
    record PauseRequest(@Nullable String reason) {
    }

    @PostMapping("/activate")
    @Operation(summary = "Activates a paused connection: the next runs sync it again (a disconnected one cannot be "
            + "activated: connect it again)")
    ConnectionState activate(ApiCaller caller, @PathVariable long connectionId) {
        return state(lifecycle.activate(caller.actor(), visible.visible(caller, connectionId)));
    }

    @PostMapping("/pause")
    @Operation(summary = "Pauses a connection: runs and the real-time service leave it out; its credentials, links "
            + "and history are kept")
    ConnectionState pause(ApiCaller caller, @PathVariable long connectionId,
                          @RequestBody(required = false) @Nullable PauseRequest body) {
        Connection connection = visible.visible(caller, connectionId);
        return state(lifecycle.pause(caller.actor(), connection, body == null ? null : body.reason()));
    }

    @PostMapping("/disconnect")
    @Operation(summary = "Disconnects a connection for good: its CRM webhooks are removed first, then its "
            + "credentials are deleted; its links and history stay (connecting the same account again reattaches it)")
    ConnectionState disconnect(ApiCaller caller, @PathVariable long connectionId) {
        return state(lifecycle.disconnect(caller.actor(), visible.visible(caller, connectionId)));
    }

    private ConnectionState state(Connection connection) {
        return ConnectionState.of(connection, quotaPauses.pausedUntil(connection.id()).orElse(null));
    }
}
