package com.penguinmails.crmsync.serve.outbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbound listener of {@code crm-sync serve} ({@code crmsync.serve.outbound.*}).
 *
 * @param enabled        whether {@code serve} pushes PenguinMails changes in real time (else only the CronJobs do)
 * @param sweepInterval  how often connections with pending work are pushed whatever was notified: the most a lost
 *                       notification delays a change
 * @param microBatchSize e-mails or contacts per chunk (one transaction, one CRM write call per object type)
 * @param workers        connections pushed at once by this replica; each push holds two database connections (its
 *                       lock and its work)
 * @param busyRetry      how soon a connection whose lock a run or another replica holds is tried again
 * @param maxBackoff     the longest wait before a connection whose push failed as a whole is tried again
 * @param pollTimeout    how long the listener waits for notifications in one call (it checks for a stop between)
 * @param reconnectDelay how long the listener waits before it reconnects after losing its database session
 * @param stopTimeout    how long a stop waits for the pushes in flight to finish their micro-batch
 */
@ConfigurationProperties("crmsync.serve.outbound")
public record OutboundProperties(@DefaultValue("true") boolean enabled,
                                 @DefaultValue("PT30S") Duration sweepInterval,
                                 @DefaultValue("200") int microBatchSize,
                                 @DefaultValue("4") int workers,
                                 @DefaultValue("PT2S") Duration busyRetry,
                                 @DefaultValue("PT5M") Duration maxBackoff,
                                 @DefaultValue("PT0.5S") Duration pollTimeout,
                                 @DefaultValue("PT5S") Duration reconnectDelay,
                                 @DefaultValue("PT30S") Duration stopTimeout) {

    public OutboundProperties {
        if (microBatchSize < 1 || workers < 1) {
            throw new IllegalArgumentException("crmsync.serve.outbound.micro-batch-size and .workers must be at least 1");
        }
        for (Duration positive : new Duration[] {sweepInterval, busyRetry, maxBackoff, pollTimeout, reconnectDelay}) {
            if (positive.isNegative() || positive.isZero()) {
                throw new IllegalArgumentException("crmsync.serve.outbound.sweep-interval, busy-retry, max-backoff, "
                        + "poll-timeout and reconnect-delay must be positive, not " + positive);
            }
        }
    }
}
