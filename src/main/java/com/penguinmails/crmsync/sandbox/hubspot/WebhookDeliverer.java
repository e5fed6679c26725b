package com.penguinmails.crmsync.sandbox.hubspot;

import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Posts the app's webhook events to its target URL from background threads, as HubSpot does: events gathered for
 * the batch window, shuffled, sent in signed batches of at most 100 ({@link WebhookSigner}), at most
 * {@code maxConcurrentRequests} at once, sometimes a batch twice, and a failed attempt (no connection, no answer
 * within the timeout, any status but 2xx) retried after HubSpot's delays, scaled, up to 10 attempts. The sandbox's
 * fault plan strikes deliveries too: its latency delays each attempt; a 5xx, 429 or dropped-connection fault makes
 * an attempt fail before it leaves; a slow one delays it; an applied-then-lost or -late one delivers it and then
 * counts it failed, so the receiver gets it again.
 */
final class WebhookDeliverer implements AutoCloseable {

    static final int MAX_EVENTS = 100;
    static final int MAX_ATTEMPTS = 10;
    /** HubSpot's waits before attempts 2 to 10: about a day in all. */
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
            Duration.ofHours(3), Duration.ofHours(5), Duration.ofHours(12));

    private record Delivery(List<WebhookEvent> events, int attempt) {
    }

    private final HubSpotWebhookSettings settings;
    private final WebhookSigner signer;
    private final Supplier<FaultPlan> faults;
    private final WebhookStats stats = new WebhookStats();
    private final Random random;
    private final LinkedBlockingQueue<WebhookEvent> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pendingBatches = new AtomicInteger();
    private final ScheduledExecutorService senders;
    private final HttpClient http;
    private final Thread collector;
    private volatile @Nullable URI target;
    private volatile boolean closed;

    WebhookDeliverer(HubSpotWebhookSettings settings, WebhookSigner signer, Supplier<FaultPlan> faults, long seed) {
        this.settings = settings;
        this.signer = signer;
        this.faults = faults;
        this.random = new Random(seed ^ 0x4EB_400C);
        this.target = settings.targetUrl();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(settings.maxConcurrentRequests(), r -> {
            Thread t = new Thread(r, "hubspot-sandbox-webhooks");
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.senders = pool;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout()).build();
        this.collector = new Thread(this::collect, "hubspot-sandbox-webhook-batches");
        collector.setDaemon(true);
        collector.start();
    }

    /** Sends later events to {@code url}; null stops announcing new ones. */
    void target(@Nullable URI url) {
        this.target = url;
    }

    @Nullable URI target() {
        return target;
    }

    /** Queues an event for the next batch; without a target URL HubSpot sends nothing, and nor does the sandbox. */
    void accept(WebhookEvent event) {
        if (target != null && !closed) {
            stats.announced();
            queue.add(event);
        }
    }

    /** What {@code GET /_sandbox/stats} shows under {@code webhooks}. */
    Map<String, Object> snapshot() {
        Map<String, Object> snapshot = stats.snapshot(queue.size());
        snapshot.put("pendingBatches", pendingBatches.get());
        return snapshot;
    }

    private void collect() {
        try {
            while (!closed) {
                List<WebhookEvent> events = new ArrayList<>();
                events.add(queue.take());
                Thread.sleep(settings.batchWindow().toMillis());
                queue.drainTo(events);
                synchronized (random) {
                    Collections.shuffle(events, random); // HubSpot does not keep the order of events
                }
                for (int from = 0; from < events.size(); from += MAX_EVENTS) {
                    List<WebhookEvent> batch = List.copyOf(events.subList(from, Math.min(events.size(),
                            from + MAX_EVENTS)));
                    schedule(new Delivery(batch, 0), Duration.ZERO);
                    if (draw() < settings.duplicateRate()) {
                        stats.duplicated();
                        schedule(new Delivery(batch, 0), settings.batchWindow());
                    }
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private void schedule(Delivery delivery, Duration delay) {
        pendingBatches.incrementAndGet();
        try {
            senders.schedule(() -> attempt(delivery), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            pendingBatches.decrementAndGet();
        }
    }

    private void attempt(Delivery delivery) {
        URI url = target;
        if (url == null || closed) {
            pendingBatches.decrementAndGet();
            return;
        }
        FaultPlan plan = faults.get();
        LockSupport.parkNanos(plan.latency().toNanos());
        FaultPlan.Fault fault = plan.pick(draw(), draw());
        String outcome;
        if (fault == FaultPlan.Fault.SERVER_ERROR || fault == FaultPlan.Fault.RATE_LIMITED
                || fault == FaultPlan.Fault.CONNECTION_RESET) {
            outcome = "fault";
        } else {
            if (fault == FaultPlan.Fault.SLOW) {
                LockSupport.parkNanos(plan.slowDelay().toNanos());
            }
            outcome = send(url, delivery);
            if (fault != null && fault.applied()) {
                LockSupport.parkNanos(fault == FaultPlan.Fault.APPLIED_THEN_LATE ? plan.slowDelay().toNanos() : 0);
                outcome = "fault"; // delivered, but its answer lost or late: HubSpot sends it again
            }
        }
        stats.attempted(outcome);
        if (outcome.length() == 3 && outcome.charAt(0) == '2') {
            stats.delivered(delivery.events().size());
        } else if (delivery.attempt() + 1 >= MAX_ATTEMPTS) {
            stats.gaveUp();
        } else {
            stats.retried();
            schedule(new Delivery(delivery.events(), delivery.attempt() + 1), retryDelay(delivery.attempt()));
        }
        pendingBatches.decrementAndGet();
    }

    /** The wait after attempt {@code attempt} (from 0) failed. */
    Duration retryDelay(int attempt) {
        return Duration.ofNanos((long) (RETRY_DELAYS.get(attempt).toNanos() * settings.retryDelayScale()));
    }

    /** Posts one attempt; its outcome is the answer's status, {@code timeout} or {@code connection}. */
    private String send(URI url, Delivery delivery) {
        byte[] body = SandboxResponse.jsonMapper().writeValueAsBytes(delivery.events().stream()
                .map(event -> event.payload(delivery.attempt())).toList());
        long timestamp = System.currentTimeMillis(); // the real time: the receiver checks it against its own clock
        HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "HubSpot Connect 2.0 (sandbox)")
                .header("X-HubSpot-Signature-v3", signer.sign(url.toString(), body, timestamp))
                .header("X-HubSpot-Request-Timestamp", Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return Integer.toString(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (HttpTimeoutException e) {
            return "timeout";
        } catch (IOException e) {
            return "connection";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private double draw() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    /** Stops gathering and sending; batches not yet delivered are dropped. */
    @Override
    public void close() {
        closed = true;
        collector.interrupt();
        senders.shutdownNow();
    }
}
