package com.penguinmails.crmsync.credentials;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.store.TenantStore;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Connecting, pausing and disconnecting tenants' CRMs: each change to a connection and its credentials happens in one
 * transaction, so a refused request changes nothing. Disconnecting deletes the secrets.
 */
@Service
public class ConnectionRegistry {

    private final ConnectionStore connections;
    private final CredentialStore credentials;
    private final TenantStore tenants;

    public ConnectionRegistry(ConnectionStore connections, CredentialStore credentials, TenantStore tenants) {
        this.connections = connections;
        this.credentials = credentials;
        this.tenants = tenants;
    }

    /** Connects a tenant's CRM account with its credentials; returns the new connection id. */
    @Transactional
    public long connect(String tenantId, CrmKind crm, @Nullable String accountRef, Map<String, String> settings,
                        Credential credential) {
        if (tenants.find(tenantId).isEmpty()) {
            throw new InvalidRequestException("no tenant with id " + tenantId + " (see 'tenants list')");
        }
        if (crm == CrmKind.SALESFORCE && !(credential instanceof Credential.OAuth)) {
            throw new InvalidRequestException("Salesforce connects only by OAuth 2.0 (SOAP login is retired): give "
                    + "--client-id, --client-secret and --refresh-token");
        }
        long id = connections.add(tenantId, crm, accountRef, settings);
        credentials.save(id, credential);
        return id;
    }

    /** @throws InvalidRequestException when there is no such tenant */
    public void requireTenant(String tenantId) {
        if (tenants.find(tenantId).isEmpty()) {
            throw new InvalidRequestException("no tenant with id " + tenantId + " (see 'tenants list')");
        }
    }

    @Transactional
    public Connection enable(long id) {
        Connection connection = existing(id);
        if (connection.status() == Connection.Status.DISCONNECTED) {
            throw new InvalidRequestException("connection " + id + " was disconnected and has no credentials; "
                    + "add a new connection instead");
        }
        connections.setStatus(id, Connection.Status.ACTIVE, null);
        return existing(id);
    }

    @Transactional
    public Connection disable(long id, @Nullable String reason) {
        Connection connection = existing(id);
        if (connection.status() == Connection.Status.DISCONNECTED) {
            throw new InvalidRequestException("connection " + id + " is disconnected already");
        }
        connections.setStatus(id, Connection.Status.DISABLED, reason);
        return existing(id);
    }

    /** Stops syncing the connection for good and deletes its credentials; its history (links, audit) stays. */
    @Transactional
    public Connection disconnect(long id) {
        existing(id);
        credentials.delete(id);
        connections.setStatus(id, Connection.Status.DISCONNECTED, "disconnected by an operator");
        return existing(id);
    }

    /** Records that the CRM refused the connection's credentials: jobs skip it until it is authorised again. */
    @Transactional
    public void markAuthFailed(long id, String reason) {
        connections.setStatus(id, Connection.Status.AUTH_FAILED, reason);
    }

    public Connection existing(long id) {
        return connections.find(id).orElseThrow(() -> new InvalidRequestException(
                "no connection with id " + id + " (see 'connections list')"));
    }
}
