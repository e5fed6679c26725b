package com.penguinmails.crmsync.sandbox.hubspot;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How the sandbox delivers its app's webhooks, HubSpot's way by default: to {@code targetUrl} (none: no deliveries),
 * events collected for {@code batchWindow} and sent in batches of at most 100, at most
 * {@code maxConcurrentRequests} requests at once, a request failed after {@code timeout} (HubSpot: 5 s), retried up
 * to 10 attempts in all on a connection failure, a timeout or any 4xx/5xx, after HubSpot's delays (1 minute growing
 * to 12 hours, about a day in all) times {@code retryDelayScale}, and a batch sent twice with probability
 * {@code duplicateRate}.
 *
 * @param targetUrl             where deliveries go; null until one is set
 * @param batchWindow           how long events are gathered before a batch leaves
 * @param duplicateRate         the chance a batch is delivered a second time, 0..1
 * @param retryDelayScale       HubSpot's retry delays are multiplied by this (e.g. 0.0001 for tests: milliseconds)
 * @param maxConcurrentRequests requests in flight at most (HubSpot: 10 per account)
 * @param timeout               how long a delivery may take before it counts as failed
 */
public record HubSpotWebhookSettings(@Nullable URI targetUrl, Duration batchWindow, double duplicateRate,
                                     double retryDelayScale, int maxConcurrentRequests, Duration timeout) {

    public HubSpotWebhookSettings {
        if (duplicateRate < 0 || duplicateRate > 1) {
            throw new IllegalArgumentException("webhook duplicate rate must be between 0 and 1, was " + duplicateRate);
        }
        if (retryDelayScale < 0) {
            throw new IllegalArgumentException("webhook retry delay scale cannot be negative, was " + retryDelayScale);
        }
        if (maxConcurrentRequests < 1 || maxConcurrentRequests > 10) {
            throw new IllegalArgumentException("webhook concurrency must be between 1 and 10, was "
                    + maxConcurrentRequests);
        }
        if (batchWindow.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("webhook batch window cannot be negative, nor the timeout zero");
        }
    }

    /** No target; 200 ms batches, 1 % sent twice, HubSpot's retry delays, 10 requests at once, 5 s timeout. */
    public static HubSpotWebhookSettings defaults() {
        return new HubSpotWebhookSettings(null, Duration.ofMillis(200), 0.01, 1.0, 10, Duration.ofSeconds(5));
    }

    public HubSpotWebhookSettings withTargetUrl(@Nullable URI url) {
        return new HubSpotWebhookSettings(url, batchWindow, duplicateRate, retryDelayScale, maxConcurrentRequests,
                timeout);
    }

    public HubSpotWebhookSettings withBatchWindow(Duration window) {
        return new HubSpotWebhookSettings(targetUrl, window, duplicateRate, retryDelayScale, maxConcurrentRequests,
                timeout);
    }

    public HubSpotWebhookSettings withDuplicateRate(double rate) {
        return new HubSpotWebhookSettings(targetUrl, batchWindow, rate, retryDelayScale, maxConcurrentRequests,
                timeout);
    }

    public HubSpotWebhookSettings withRetryDelayScale(double scale) {
        return new HubSpotWebhookSettings(targetUrl, batchWindow, duplicateRate, scale, maxConcurrentRequests,
                timeout);
    }

    public HubSpotWebhookSettings withMaxConcurrentRequests(int requests) {
        return new HubSpotWebhookSettings(targetUrl, batchWindow, duplicateRate, retryDelayScale, requests, timeout);
    }

    public HubSpotWebhookSettings withTimeout(Duration newTimeout) {
        return new HubSpotWebhookSettings(targetUrl, batchWindow, duplicateRate, retryDelayScale,
                maxConcurrentRequests, newTimeout);
    }
}
