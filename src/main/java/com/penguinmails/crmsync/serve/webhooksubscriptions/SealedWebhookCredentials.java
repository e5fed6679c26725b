package com.penguinmails.crmsync.serve.webhooksubscriptions;

import com.penguinmails.crmsync.connector.support.WebhookAccounts;
import com.penguinmails.crmsync.credentials.WebhookSecretStore;
import com.penguinmails.crmsync.serve.WebhookCredentialSource;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The webhook credentials of a connection as {@link WebhookSecretStore} keeps them, sealed in the database. */
@Component
public class SealedWebhookCredentials implements WebhookCredentialSource {

    private final WebhookSecretStore secrets;

    public SealedWebhookCredentials(WebhookSecretStore secrets) {
        this.secrets = secrets;
    }

    @Override
    public Optional<WebhookAccounts.WebhookCredentials> credentials(long connectionId) {
        return secrets.find(connectionId).map(s -> new WebhookAccounts.WebhookCredentials(s.user(), s.password()));
    }
}
