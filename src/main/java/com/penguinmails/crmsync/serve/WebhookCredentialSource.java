package com.penguinmails.crmsync.serve;

import com.penguinmails.crmsync.connector.support.WebhookAccounts;
import java.util.Optional;

/**
 * Where the service finds the Basic auth credentials a CRM was given for one connection's webhooks (Pipedrive's
 * per-connection webhooks). Without a registered implementation, no connection has any, and a CRM that needs them
 * refuses every delivery.
 */
@FunctionalInterface
public interface WebhookCredentialSource {

    /** The connection's webhook credentials, when the CRM has been given some. */
    Optional<WebhookAccounts.WebhookCredentials> credentials(long connectionId);
}
