package com.penguinmails.crmsync.serve;

import com.penguinmails.crmsync.connector.support.WebhookAccounts;
import java.util.Optional;

/**
 * Where the service's {@link WebhookAccounts} finds the Basic auth credentials a CRM was given for one connection's
 * webhooks (Pipedrive); empty when none were generated.
 */
public interface WebhookCredentialSource {

    Optional<WebhookAccounts.WebhookCredentials> credentials(long connectionId);
}
