package com.penguinmails.crmsync.connector.support;

import java.net.URI;

/**
 * How {@code crm-sync serve} makes a CRM deliver one connection's changes to it, where the CRM needs a subscription per
 * account made through its API (Pipedrive's webhooks). One implementation per such CRM, returned by its provider's
 * {@link CrmConnectorProvider#webhookSubscriptions()}; a CRM whose deliveries are set up once for the whole app
 * (HubSpot) has none. Calls go through the connection's {@link ApiExecutor}, like every other API call.
 */
public interface CrmWebhookSubscriptions {

    /** What {@link #ensure} changed: subscriptions created, and ours removed (stale, banned, duplicated). */
    record Outcome(int created, int removed) {

        public boolean changed() {
            return created > 0 || removed > 0;
        }
    }

    /**
     * Makes the CRM deliver the connection's contact and company changes to {@code target} with {@code credentials}:
     * keeps what is already right, re-creates what the CRM deleted or deactivated, removes what is stale.
     *
     * @throws CrmUnavailableException when the CRM refuses the connection's credentials or cannot be reached
     */
    Outcome ensure(ConnectionContext context, ApiExecutor executor, URI target,
                   WebhookAccounts.WebhookCredentials credentials);

    /**
     * Removes every subscription of the connection that delivers to {@code target}; returns how many.
     *
     * @throws CrmUnavailableException when the CRM refuses the connection's credentials or cannot be reached
     */
    int remove(ConnectionContext context, ApiExecutor executor, URI target);
}
