package com.penguinmails.crmsync.serve;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code crmsync.serve.*}: the settings of {@code crm-sync serve}.
 *
 * @param enabled                 set by the {@code serve} command; turns the service's beans on
 * @param port                    the HTTP port ({@code --port} overrides it; 0 picks a free one)
 * @param publicUrl               the base URL the CRMs call (the Ingress), e.g. {@code https://crm-sync.example.com}
 * @param hubspot                 HubSpot's app settings
 * @param maxBodySize             the largest webhook body accepted; larger ones are answered 413
 * @param maxConcurrentDeliveries webhook requests handled at once; more are answered 429
 * @param dispatch                how stored change notices are applied
 */
@ConfigurationProperties("crmsync.serve")
public record ServeProperties(@DefaultValue("false") boolean enabled,
                              @DefaultValue("8080") int port,
                              @Nullable URI publicUrl,
                              @DefaultValue HubSpot hubspot,
                              @DefaultValue("1MB") DataSize maxBodySize,
                              @DefaultValue("32") int maxConcurrentDeliveries,
                              @DefaultValue Dispatch dispatch) {

    /**
     * HubSpot's app.
     *
     * @param clientSecret the app's client secret, which signs its webhooks ({@code CRMSYNC_SERVE_HUBSPOT_CLIENT_SECRET})
     */
    public record HubSpot(@Nullable String clientSecret) {

        @Override
        public String toString() {
            return "HubSpot[clientSecret=" + (clientSecret == null || clientSecret.isBlank() ? "(none)" : "(hidden)")
                    + "]";
        }
    }

    /**
     * Dispatch tuning (db-scheduler).
     *
     * @param threads           connections applied at once by one replica
     * @param pollingInterval   how often a replica looks for due work (new work stored by the replica itself starts
     *                          at once)
     * @param batchSize         notices read and applied per micro-batch
     * @param sweepInterval     how often connections with pending notices but no scheduled work are scheduled
     * @param leaseRetry        how long to wait when a run or another replica holds the connection
     * @param backoffBase       the first retry delay after a connection-wide failure (doubled per failure)
     * @param backoffMax        the longest retry delay
     * @param heartbeatInterval how often a replica says it is still applying a connection
     * @param missedHeartbeats  heartbeats missed before another replica takes the work over
     * @param shutdownMaxWait   how long shutting down waits for micro-batches being applied
     * @param schedulerName     this replica's name in {@code crm_sync.scheduled_tasks.picked_by}; default the host
     *                          name (the pod name)
     */
    public record Dispatch(@DefaultValue("4") int threads,
                           @DefaultValue("2s") Duration pollingInterval,
                           @DefaultValue("200") int batchSize,
                           @DefaultValue("10s") Duration sweepInterval,
                           @DefaultValue("3s") Duration leaseRetry,
                           @DefaultValue("5s") Duration backoffBase,
                           @DefaultValue("10m") Duration backoffMax,
                           @DefaultValue("10s") Duration heartbeatInterval,
                           @DefaultValue("6") int missedHeartbeats,
                           @DefaultValue("15s") Duration shutdownMaxWait,
                           @Nullable String schedulerName) {
    }
}
