package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.connector.support.CrmApiException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/**
 * Paces one HubSpot account's search requests, which HubSpot limits apart from (and far below) its other endpoints:
 * about five per second per account. The connection's governor still counts each search against the ten-second
 * window and the daily quota; this adds the search limit on top, as one permit every {@code 1 s / perSecond}, so no
 * rolling second ever sees a burst. Shared by every connector opened for the connection in this process.
 */
public final class SearchPacer {

    private final RateLimiter limiter;

    public SearchPacer(String name, int perSecond) {
        this.limiter = RateLimiter.of(name + "-search", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(1_000_000_000L / perSecond))
                .timeoutDuration(Duration.ofMinutes(2))
                .build());
    }

    /** Waits for the next search slot. */
    void acquire() {
        if (!limiter.acquirePermission()) {
            throw new CrmApiException.Transient("no HubSpot search slot within 2 minutes");
        }
    }
}
