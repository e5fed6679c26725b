package com.penguinmails.crmsync.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Records the sync's facts as {@code crmsync.*} meters ({@link MeterNames}) in the context's meter registry: the
 * Prometheus one in {@code crm-sync serve} or when a run pushes to a Pushgateway, else a {@code SimpleMeterRegistry}
 * of its own (a counter increment: no measurable cost to a batch run). Tags are ids only ({@link ConnectionTags}).
 */
@Component
public class SyncMetrics {


    private final MeterRegistry registry;
    private final Map<Long, AtomicLong> quotaRemaining = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> quotaLimit = new ConcurrentHashMap<>();

    @Autowired
    public SyncMetrics(ObjectProvider<MeterRegistry> registry) {
        this(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters kept in memory only (a store or a test built outside a Spring context). */
    public static SyncMetrics inMemory() {
        return new SyncMetrics(new SimpleMeterRegistry());
    }

    /** The registry the meters are in. */
    public MeterRegistry registry() {
        return registry;
    }

    /** A connection step's records: {@code written}, {@code skipped} (filtered) and {@code failed} (dead letters). */
    public void records(ConnectionTags connection, String direction, long written, long skipped, long failed) {
        count(connection, direction, "written", written);
        count(connection, direction, "skipped", skipped);
        count(connection, direction, "failed", failed);
    }

    private void count(ConnectionTags connection, String direction, String outcome, long amount) {
        Counter counter = Counter.builder(MeterNames.RECORDS)
                .description("Records a connection's sync steps handled")
                .tags(connection.tags()).tag("direction", direction).tag("outcome", outcome)
                .register(registry);
        counter.increment(amount);
    }

    /** A connection's partition of {@code job} ended, {@code success} or not, after {@code duration}. */
    public void partitionEnded(ConnectionTags connection, String job, String step, boolean success,
                               Duration duration) {
        Counter.builder(MeterNames.RUNS).description("Connection sync runs (partitions) by outcome")
                .tags(connection.tags()).tag("job", job).tag("outcome", success ? "success" : "failure")
                .register(registry).increment();
        Timer.builder(MeterNames.STEP_DURATION).description("A connection's sync step duration")
                .tags(connection.tags()).tag("job", job).tag("step", step)
                .register(registry).record(duration);
    }

    /** A job execution of {@code job} ended with {@code status} after {@code duration}. */
    public void jobEnded(String job, String status, Duration duration) {
        Timer.builder(MeterNames.JOB_DURATION).description("Job execution duration")
                .tag("job", job).tag("status", status)
                .register(registry).record(duration);
    }

    /**
     * A problem a sync wrote to its errors table, tagged with the category the table derives from its reason
     * ({@code sync_errors.category}: a small fixed set, never the free text).
     */
    public void problem(ConnectionTags connection, String kind, String category) {
        Counter.builder(MeterNames.ERRORS).description("Errors and warnings written to the errors table")
                .tags(connection.tags()).tag("kind", kind).tag("reason", category)
                .register(registry).increment();
    }

    /**
     * A connection's API calls and 429s since the last report, and the quota the CRM last reported (either may be
     * null).
     */
    public void apiUsage(ConnectionTags connection, long calls, long rateLimited,
                         @org.jspecify.annotations.Nullable Long limit,
                         @org.jspecify.annotations.Nullable Long remaining) {
        Counter.builder(MeterNames.API_CALLS).description("API calls made to the CRM")
                .tags(connection.tags()).register(registry).increment(calls);
        Counter.builder(MeterNames.API_RATE_LIMITED).description("429s (rate-limit answers) the CRM gave")
                .tags(connection.tags()).register(registry).increment(rateLimited);
        if (limit != null) {
            gauge(quotaLimit, MeterNames.API_QUOTA_LIMIT, connection, "The CRM's API quota per window").set(limit);
        }
        if (remaining != null) {
            gauge(quotaRemaining, MeterNames.API_QUOTA_REMAINING, connection, "Calls left in the quota window")
                    .set(remaining);
        }
    }

    private AtomicLong gauge(Map<Long, AtomicLong> values, String name, ConnectionTags connection, String description) {
        return values.computeIfAbsent(connection.connectionId(), id -> {
            AtomicLong value = new AtomicLong();
            io.micrometer.core.instrument.Gauge.builder(name, value, AtomicLong::doubleValue)
                    .description(description).tags(connection.tags()).register(registry);
            return value;
        });
    }

    /** An OAuth access-token refresh for {@code crm} ended with {@code outcome} (refreshed, revoked, failed). */
    public void oauthRefresh(String crm, String outcome) {
        Counter.builder(MeterNames.OAUTH_REFRESHES).description("OAuth access-token refreshes by outcome")
                .tag("crm", crm).tag("outcome", outcome).register(registry).increment();
    }

    /** An engagement event reached the connection's CRM {@code latency} after it occurred. */
    public void eventLatency(ConnectionTags connection, Duration latency) {
        Timer.builder(MeterNames.EVENT_LATENCY).description("Engagement event occurred to CRM activity written")
                .tags(connection.tags()).register(registry).record(latency.isNegative() ? Duration.ZERO : latency);
    }

    /** A CRM's change notice to the connection was applied {@code latency} after the service received it. */
    public void noticeApplied(ConnectionTags connection, Duration latency) {
        Timer.builder(MeterNames.NOTICE_LATENCY).description("Real-time change notice received to applied")
                .tags(connection.tags()).register(registry).record(latency.isNegative() ? Duration.ZERO : latency);
    }

    /** The tags every connection meter carries: ids only. */
    public record ConnectionTags(String tenantId, String crm, long connectionId) {

        Tags tags() {
            return Tags.of("tenant", tenantId, "crm", crm, "connection", Long.toString(connectionId));
        }
    }
}
