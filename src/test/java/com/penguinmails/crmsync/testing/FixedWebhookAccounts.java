package com.penguinmails.crmsync.testing;

import com.penguinmails.crmsync.connector.support.WebhookAccounts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link WebhookAccounts} of a test: fixed connections per CRM account and one app secret, no database.
 *
 * @param connectionsByAccount the connections of each CRM account (a HubSpot portal id)
 * @param secret               the app's signing secret, or null when none is configured
 */
public record FixedWebhookAccounts(Map<String, List<Long>> connectionsByAccount, @Nullable String secret)
        implements WebhookAccounts {

    @Override
    public List<Long> connectionsOfAccount(String accountId) {
        return connectionsByAccount.getOrDefault(accountId, List.of());
    }

    @Override
    public boolean isConnected(long connectionId) {
        return connectionsByAccount.values().stream().anyMatch(ids -> ids.contains(connectionId));
    }

    @Override
    public Optional<WebhookCredentials> credentials(long connectionId) {
        return Optional.empty();
    }

    @Override
    public Optional<String> appSecret() {
        return Optional.ofNullable(secret);
    }
}
