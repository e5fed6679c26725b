package com.penguinmails.crmsync.connector.support;

import java.time.Duration;

/**
 * A connection's API limits as the suite paces itself: at most {@code requestsPerWindow} per {@code window} (set a
 * little under the CRM's own, e.g. 18 per second for HubSpot's 190 per 10 s), and at most {@code dailyShare} of the
 * daily quota (the rest is left to the tenant's other integrations). {@code dailyLimit} is the quota assumed until
 * the CRM reports its own.
 */
public record RateLimitSpec(int requestsPerWindow, Duration window, long dailyLimit, double dailyShare) {

    public RateLimitSpec {
        if (requestsPerWindow < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs at least one request per positive window");
        }
        if (!(dailyShare > 0 && dailyShare <= 1)) {
            throw new IllegalArgumentException("daily share must be in (0, 1], was " + dailyShare);
        }
    }
}
