package com.penguinmails.crmsync.serve.api.connect;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiCaller;
import com.penguinmails.crmsync.serve.api.ApiConnections;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import com.penguinmails.crmsync.serve.oauth.HostedAuthorization;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Connecting a CRM from PenguinMails settings: the hosted OAuth consent URL, an API-token connect, and a reconnect
 * that keeps the connection (its links and history).
 */
@RestController
@RequestMapping("/api/v1/connections")
@ConditionalOnServe
@Tag(name = "Connect", description = "Connect a CRM by hosted OAuth or an API token, and reconnect one in place")
class ConnectController {

    /** {@code tenant}: only an operator names it; a tenant's user connects its own tenant. */
    record AuthorizeRequest(@Nullable String tenant) {
    }

    /** The consent URL to send the browser to, and until when the authorisation can be completed. */
    record AuthorizationStarted(URI authorizationUrl, Instant expiresAt) {
    }

    /** An API token (and optionally the CRM's base URL and, for an operator, the tenant). */
    record TokenRequest(@Nullable String apiToken, @Nullable String baseUrl, @Nullable String tenant) {
    }

    /** A reconnect: with an API token it replaces the token at once; without, it starts an OAuth authorisation. */
    record ReconnectRequest(@Nullable String apiToken) {
    }

    /** A connection as connecting answers it. */
    record ConnectionBody(long id, String tenant, String crm, @Nullable String accountRef, String status) {

        static ConnectionBody of(Connection c) {
            return new ConnectionBody(c.id(), c.tenantId(), c.crm().id(), c.accountRef(), c.status().dbValue());
        }
    }

    private final ApiConnections connections;
    private final HostedAuthorization hosted;
    private final ConnectWithToken tokens;

    ConnectController(ApiConnections connections, HostedAuthorization hosted, ConnectWithToken tokens) {
        this.connections = connections;
        this.hosted = hosted;
        this.tokens = tokens;
    }

    @PostMapping("/{crm}/authorize")
    @Operation(summary = "Starts connecting a CRM by OAuth: the consent URL (PKCE, single-use state) to open")
    AuthorizationStarted authorize(ApiCaller caller, @PathVariable String crm,
                                   @RequestBody(required = false) @Nullable AuthorizeRequest body) {
        String tenant = tenant(caller, body == null ? null : body.tenant());
        return started(hosted.start(caller.actor(), tenant, crm, null));
    }

    @PostMapping("/{crm}")
    @Operation(summary = "Connects a CRM with an API token (Pipedrive API token, HubSpot private-app token), "
            + "verified with the CRM first")
    ResponseEntity<ConnectionBody> connect(ApiCaller caller, @PathVariable String crm,
                                           @RequestBody(required = false) @Nullable TokenRequest body) {
        TokenRequest request = body == null ? new TokenRequest(null, null, null) : body;
        String tenant = tenant(caller, request.tenant());
        if (request.apiToken() == null || request.apiToken().isBlank()) {
            throw new ApiProblem.Invalid("apiToken", "required");
        }
        Connection connection = tokens.connect(caller.actor(), tenant, crm, request.apiToken(), request.baseUrl());
        return ResponseEntity.status(HttpStatus.CREATED).body(ConnectionBody.of(connection));
    }

    @PostMapping("/{connectionId}/reconnect")
    @Operation(summary = "Reconnects a connection in place (keeps its links and history): the OAuth consent URL "
            + "bound to it, or with an apiToken the new token at once")
    Object reconnect(ApiCaller caller, @PathVariable long connectionId,
                     @RequestBody(required = false) @Nullable ReconnectRequest body) {
        Connection connection = connections.visible(caller, connectionId);
        if (connection.status() == Connection.Status.DISCONNECTED) {
            throw new ApiProblem.Conflict("connection " + connectionId + " was disconnected; connect its account "
                    + "again with POST /api/v1/connections/" + connection.crm().id() + "/authorize (or POST "
                    + "/api/v1/connections/" + connection.crm().id() + " with an API token): that reattaches it "
                    + "with its links and history");
        }
        if (body != null && body.apiToken() != null) {
            return ConnectionBody.of(tokens.replace(caller.actor(), connection, body.apiToken()));
        }
        return started(hosted.start(caller.actor(), connection.tenantId(), connection.crm().id(), connection.id()));
    }

    private String tenant(ApiCaller caller, @Nullable String requested) {
        return connections.connecting(caller, requested);
    }

    private static AuthorizationStarted started(HostedAuthorization.Started started) {
        return new AuthorizationStarted(started.authorizationUrl(), started.expiresAt());
    }
}
