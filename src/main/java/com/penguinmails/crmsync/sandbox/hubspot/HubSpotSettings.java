package com.penguinmails.crmsync.sandbox.hubspot;

import java.time.Duration;

/**
 * HubSpot-specific knobs beyond {@link com.penguinmails.crmsync.sandbox.support.SandboxOptions}.
 *
 * @param searchRequestsPerSecond the search endpoints' own limit per account (HubSpot documents about 5 per second)
 * @param searchIndexDelay        how long after a write search sees it (0 = at once; HubSpot's lag is seconds)
 * @param webhooks                how the app's webhooks are delivered (no target URL: none are)
 */
public record HubSpotSettings(int searchRequestsPerSecond, Duration searchIndexDelay,
                              HubSpotWebhookSettings webhooks) {

    public HubSpotSettings {
        if (searchRequestsPerSecond < 1) {
            throw new IllegalArgumentException("search requests per second must be at least 1, was "
                    + searchRequestsPerSecond);
        }
        if (searchIndexDelay.isNegative()) {
            throw new IllegalArgumentException("search index delay cannot be negative");
        }
    }

    public static HubSpotSettings defaults() {
        return new HubSpotSettings(5, Duration.ZERO, HubSpotWebhookSettings.defaults());
    }

    public HubSpotSettings withSearchRequestsPerSecond(int perSecond) {
        return new HubSpotSettings(perSecond, searchIndexDelay, webhooks);
    }

    public HubSpotSettings withSearchIndexDelay(Duration delay) {
        return new HubSpotSettings(searchRequestsPerSecond, delay, webhooks);
    }

    public HubSpotSettings withWebhooks(HubSpotWebhookSettings newWebhooks) {
        return new HubSpotSettings(searchRequestsPerSecond, searchIndexDelay, newWebhooks);
    }
}
