package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.sandbox.support.SandboxClock;
import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Delivers the webhooks of person and organization changes like Pipedrive: a POST of the v2 payload
 * ({@code {meta, data, previous}}; a delete has {@code data} null, a merge is the loser's delete with
 * {@code meta.merged_to_id} and the survivor's change) with the webhook's HTTP Basic auth, answered within 10 s or
 * failed; a failed delivery is tried again after 3, 30 and 150 s (times {@link #retryScale}, so tests take seconds);
 * ten failed first attempts in a row ban the webhook for 30 minutes of sandbox time, and what happens meanwhile is
 * never delivered; three days of sandbox time without a success delete it. The sandbox's fault plan strikes
 * deliveries too: a 5xx, 429 or dropped connection is a failed attempt that never reached the receiver, a slow one
 * waits first, and an applied-then-lost or -late one reaches the receiver but counts as failed, so it comes again.
 */
public final class WebhookDeliverer implements RecordChangeListener, AutoCloseable {

    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(3), Duration.ofSeconds(30),
            Duration.ofSeconds(150));
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebhookRegistry registry;
    private final RecordView view;
    private final SandboxClock clock;
    private final Supplier<FaultPlan> faults;
    private final Random random;
    private final String host;
    private final ScheduledExecutorService scheduler;
    private final HttpClient http;
    private volatile double retryScale = 1;
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();

    /** One change, as every webhook it triggers is told of it (each attempt with its own webhook id and number). */
    private record Event(String id, String correlationId, String entity, String action, long entityId,
                         Instant timestamp, @Nullable Long mergedToId, @Nullable Map<String, @Nullable Object> data,
                         @Nullable Map<String, @Nullable Object> previous) {
    }

    public WebhookDeliverer(WebhookRegistry registry, FieldCatalog catalog, SandboxClock clock,
                            Supplier<FaultPlan> faults, long seed, String host) {
        this.registry = registry;
        this.view = new RecordView(catalog);
        this.clock = clock;
        this.faults = faults;
        this.random = new Random(seed);
        this.host = host;
        this.scheduler = Executors.newScheduledThreadPool(4, r -> {
            Thread thread = new Thread(r, "pipedrive-sandbox-webhooks");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    /** Scales the retry delays (3, 30, 150 s): 0.01 makes them 30 ms, 300 ms and 1.5 s. */
    public void retryScale(double scale) {
        if (!(scale > 0 && scale <= 1)) {
            throw new IllegalArgumentException("the retry scale must be in (0, 1], was " + scale);
        }
        this.retryScale = scale;
    }

    @Override
    public void changed(EntityType type, @Nullable StoredRecord before, StoredRecord after) {
        if (type != EntityType.PERSON && type != EntityType.ORGANIZATION
                || before != null && before.deleted() && after.deleted()) {
            return;
        }
        String entity = type.searchType();
        String action = before == null ? "create" : after.deleted() ? "delete" : "change";
        Map<String, @Nullable Object> rendered = view.render(type, after, null);
        Map<String, @Nullable Object> previous = before == null ? null
                : action.equals("delete") ? view.render(type, before, null) : changedFields(view.render(type, before,
                null), rendered);
        Event event = new Event(UUID.randomUUID().toString(), UUID.randomUUID().toString(), entity, action, after.id(),
                clock.instant(), action.equals("delete") ? after.mergedInto() : null,
                action.equals("delete") ? null : rendered, previous);
        for (Webhook webhook : registry.triggered(action, entity)) {
            scheduler.execute(() -> attempt(webhook, event, 1));
        }
    }

    private void attempt(Webhook webhook, Event event, int attempt) {
        if (webhook.deleted()) {
            return;
        }
        if (webhook.banned(clock.instant())) {
            lost.incrementAndGet();
            return;
        }
        attempts.incrementAndGet();
        FaultPlan plan = faults.get();
        SandboxHttpServer.sleep(plan.latency());
        FaultPlan.Fault fault;
        synchronized (random) {
            fault = plan.pick(random.nextDouble(), random.nextDouble());
        }
        int status = 0;
        if (fault == null || fault.applied() || fault == FaultPlan.Fault.SLOW) {
            if (fault == FaultPlan.Fault.SLOW) {
                SandboxHttpServer.sleep(plan.slowDelay());
            }
            status = send(webhook, payload(webhook, event, attempt));
        }
        boolean success = fault == null && status >= 200 && status < 300;
        webhook.delivered(clock.instant(), status, success, attempt == 1);
        if (success) {
            delivered.incrementAndGet();
            return;
        }
        failed.incrementAndGet();
        if (attempt <= RETRY_DELAYS.size() && !webhook.deleted()) {
            long delay = (long) (RETRY_DELAYS.get(attempt - 1).toMillis() * retryScale);
            scheduler.schedule(() -> attempt(webhook, event, attempt + 1), delay, TimeUnit.MILLISECONDS);
        }
    }

    private int send(Webhook webhook, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook.subscriptionUrl())).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Pipedrive-Webhook")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (webhook.httpAuthUser() != null) {
            String pair = webhook.httpAuthUser() + ":" + (webhook.httpAuthPassword() == null ? ""
                    : webhook.httpAuthPassword());
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    pair.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | IllegalArgumentException e) {
            return 0; // refused, dropped, timed out: no answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private byte[] payload(Webhook webhook, Event event, int attempt) {
        Map<String, @Nullable Object> meta = new LinkedHashMap<>();
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        if (webhook.version().equals("1.0")) {
            meta.put("v", 1);
            meta.put("action", event.action().equals("create") ? "added" : event.action().equals("delete")
                    ? "deleted" : "updated");
            meta.put("object", event.entity());
            meta.put("id", event.entityId());
            body.put("v", 1);
            body.put("event", meta.get("action") + "." + event.entity());
            body.put("meta", meta);
            body.put("current", event.data());
            body.put("previous", event.previous());
            return SandboxResponse.jsonMapper().writeValueAsBytes(body);
        }
        meta.put("action", event.action());
        meta.put("entity", event.entity());
        meta.put("entity_id", Long.toString(event.entityId()));
        meta.put("id", event.id());
        meta.put("company_id", Long.toString(AccountData.COMPANY_ID));
        meta.put("user_id", Long.toString(webhook.userId()));
        meta.put("webhook_id", Long.toString(webhook.id()));
        meta.put("webhook_owner_id", Long.toString(webhook.userId()));
        meta.put("correlation_id", event.correlationId());
        meta.put("timestamp", event.timestamp().toString());
        meta.put("version", "2.0");
        meta.put("change_source", "api");
        meta.put("is_bulk_edit", false);
        meta.put("type", "general");
        meta.put("host", host);
        meta.put("attempt", attempt);
        meta.put("permitted_user_ids", List.of(Long.toString(webhook.userId())));
        if (event.mergedToId() != null) {
            meta.put("merged_to_id", Long.toString(event.mergedToId()));
        }
        body.put("meta", meta);
        body.put("data", event.data());
        body.put("previous", event.previous());
        return SandboxResponse.jsonMapper().writeValueAsBytes(body);
    }

    /** The old values of the fields a change changed. */
    private static Map<String, @Nullable Object> changedFields(Map<String, @Nullable Object> before,
                                                               Map<String, @Nullable Object> after) {
        Map<String, @Nullable Object> previous = new LinkedHashMap<>();
        before.forEach((field, value) -> {
            if (!field.equals("update_time") && !java.util.Objects.equals(value, after.get(field))) {
                previous.put(field, value);
            }
        });
        return previous;
    }

    /** Delivery attempts made, delivered, failed (each failed attempt), and attempts dropped during a ban. */
    public Map<String, Long> stats() {
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put("webhooks", (long) registry.live().size());
        stats.put("attempts", attempts.get());
        stats.put("delivered", delivered.get());
        stats.put("failed", failed.get());
        stats.put("lostWhileBanned", lost.get());
        return stats;
    }

    /** Forgets the counts (on reset). */
    public void resetStats() {
        attempts.set(0);
        delivered.set(0);
        failed.set(0);
        lost.set(0);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
