package com.penguinmails.crmsync.serve.api;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.store.ConnectionStore;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The connections a caller may see: a connection of another tenant is answered exactly as one that does not exist
 * (404), so a token cannot probe which connection ids exist.
 */
@Component
@ConditionalOnServe
public class ApiConnections {

    private final ConnectionStore connections;

    public ApiConnections(ConnectionStore connections) {
        this.connections = connections;
    }

    /**
     * The connection, when the caller may see it.
     *
     * @throws ApiProblem.NotFound when there is none, or it belongs to a tenant the caller may not see
     */
    public Connection visible(ApiCaller caller, long id) {
        return connections.find(id).filter(caller::sees)
                .orElseThrow(() -> new ApiProblem.NotFound("no connection " + id));
    }

    /**
     * {@code tenantId}, when the caller may act on it.
     *
     * @throws ApiProblem.NotFound when the caller may not see that tenant
     */
    public String tenant(ApiCaller caller, String tenantId) {
        if (!caller.sees(tenantId)) {
            throw new ApiProblem.NotFound("no tenant " + tenantId);
        }
        return tenantId;
    }

    /**
     * The tenant a new connection is for: the caller's own, or the one an operator names ({@code requested}).
     *
     * @throws ApiProblem.Invalid naming {@code tenant} when an operator names none
     * @throws ApiProblem.NotFound when the caller may not see the tenant named
     */
    public String connecting(ApiCaller caller, @Nullable String requested) {
        if (requested == null || requested.isBlank()) {
            if (caller.tenantId() == null) {
                throw new ApiProblem.Invalid("tenant", "required: an operator names the tenant to connect");
            }
            return caller.tenantId();
        }
        return tenant(caller, requested.strip());
    }
}
