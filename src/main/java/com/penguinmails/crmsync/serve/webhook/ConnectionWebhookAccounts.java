package com.penguinmails.crmsync.serve.webhook;

import com.penguinmails.crmsync.connector.support.WebhookAccounts;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.serve.WebhookCredentialSource;
import com.penguinmails.crmsync.store.ConnectionStore;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one CRM's webhooks may ask about its connections, answered from {@code crm_sync.connections}: the active
 * connections of an account, whether a connection is live, its webhook credentials (through
 * {@link WebhookCredentialSource}, only for a live connection of this CRM), and the app's signing secret.
 */
final class ConnectionWebhookAccounts implements WebhookAccounts {

    private final CrmKind crm;
    private final ConnectionStore connections;
    private final WebhookCredentialSource credentials;
    private final @Nullable String appSecret;

    ConnectionWebhookAccounts(CrmKind crm, ConnectionStore connections, WebhookCredentialSource credentials,
                              @Nullable String appSecret) {
        this.crm = crm;
        this.connections = connections;
        this.credentials = credentials;
        this.appSecret = appSecret;
    }

    @Override
    public List<Long> connectionsOfAccount(String accountId) {
        return connections.activeOnAccount(crm, accountId);
    }

    @Override
    public boolean isConnected(long connectionId) {
        return connections.find(connectionId)
                .filter(c -> c.crm().equals(crm) && c.status() != Connection.Status.DISCONNECTED)
                .isPresent();
    }

    @Override
    public Optional<WebhookCredentials> credentials(long connectionId) {
        return isConnected(connectionId) ? credentials.credentials(connectionId) : Optional.empty();
    }

    @Override
    public Optional<String> appSecret() {
        return Optional.ofNullable(appSecret).filter(secret -> !secret.isBlank());
    }
}
