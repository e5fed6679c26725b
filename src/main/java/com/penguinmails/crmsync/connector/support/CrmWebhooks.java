package com.penguinmails.crmsync.connector.support;

import java.util.List;

/**
 * How a CRM's own HTTP deliveries (webhooks) are received by {@code crm-sync serve}: verified (signature, Basic auth,
 * age), then turned into change notices per connection. One implementation per CRM that delivers webhooks, returned
 * by its provider's {@link CrmConnectorProvider#webhooks()}; the service's one controller routes
 * {@code POST /webhooks/<crm id>} ({@link Route#PER_APP}) or {@code POST /webhooks/<crm id>/<connection id>}
 * ({@link Route#PER_CONNECTION}) to it, stores the notices durably, and answers.
 */
public interface CrmWebhooks {

    /** Whether the CRM delivers every account's events to one address of the app, or one address per connection. */
    enum Route {
        /** {@code /webhooks/<crm>}: each event names its account (HubSpot's portalId). */
        PER_APP,
        /** {@code /webhooks/<crm>/<connection id>}: the address names the connection (Pipedrive). */
        PER_CONNECTION
    }

    Route route();

    /**
     * Verifies one delivery and turns its events into notices, grouped by the connection each concerns. Events of an
     * account no connection has, or of object types the suite does not sync, are left out (not an error).
     *
     * @throws WebhookRefusedException when the delivery is not authentic (401), malformed (400) or names no known
     *                                 connection (404); nothing of it may then be stored
     */
    List<ConnectionNotices> receive(WebhookDelivery delivery, WebhookAccounts accounts);
}
