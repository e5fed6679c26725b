package com.penguinmails.crmsync.connector.support;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link CrmWebhooks} may ask the service about one CRM's connections while it verifies a delivery: which
 * connections an account has, the secrets deliveries are checked against. Never the connections' CRM credentials.
 */
public interface WebhookAccounts {

    /** The active connections of this CRM on a CRM account (a HubSpot portal id); empty when none. */
    List<Long> connectionsOfAccount(String accountId);

    /** Whether the connection exists, is of this CRM and is not disconnected. */
    boolean isConnected(long connectionId);

    /** The Basic auth user and password the CRM was given for the connection's webhooks, when it has been. */
    Optional<WebhookCredentials> credentials(long connectionId);

    /** The secret the CRM's app signs deliveries with (HubSpot's client secret), when configured. */
    Optional<String> appSecret();

    /** The Basic auth credentials a CRM sends with its deliveries to one connection's address. */
    record WebhookCredentials(String user, String password) {
        @Override
        public String toString() {
            return "WebhookCredentials[user=" + user + ", password=(hidden)]";
        }
    }
}
