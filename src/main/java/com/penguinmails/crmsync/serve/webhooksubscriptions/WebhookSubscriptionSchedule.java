package com.penguinmails.crmsync.serve.webhooksubscriptions;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs {@link WebhookSubscriptionReconciler#reconcileAll()} when {@code crm-sync serve} starts and then every
 * {@code crmsync.serve.webhook-subscriptions.interval} (default 10 minutes: each pass lists a Pipedrive connection's
 * webhooks, 20 of its daily API tokens), on a thread of its own, until the service stops. Only in the service
 * ({@link ConditionalOnServe}): the CLI's other commands never reconcile. {@code crmsync.serve.webhook-subscriptions.enabled=false}
 * turns it off (a test of the service that registers nothing).
 */
@Component
@ConditionalOnServe
@ConditionalOnProperty(name = "crmsync.serve.webhook-subscriptions.enabled", matchIfMissing = true)
class WebhookSubscriptionSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookSubscriptionSchedule.class);

    private final WebhookSubscriptionReconciler reconciler;
    private final Duration interval;
    private volatile @Nullable ScheduledExecutorService executor;

    WebhookSubscriptionSchedule(WebhookSubscriptionReconciler reconciler,
                                @Value("${crmsync.serve.webhook-subscriptions.interval:PT10M}") Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("crmsync.serve.webhook-subscriptions.interval must be positive, was "
                    + interval);
        }
        this.reconciler = reconciler;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "webhook-subscriptions");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::pass, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        executor = scheduler;
    }

    private void pass() {
        try {
            reconciler.reconcileAll();
        } catch (RuntimeException e) { // a failed pass (the database away) must not end the schedule
            log.warn("webhook subscriptions were not reconciled: {}", e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService scheduler = executor;
        if (scheduler != null) {
            scheduler.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
