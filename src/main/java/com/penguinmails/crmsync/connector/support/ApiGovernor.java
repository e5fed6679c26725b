package com.penguinmails.crmsync.connector.support;

import com.penguinmails.crmsync.core.ApiBudget;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Keeps one connection within its API limits: a per-window rate (resilience4j), pauses the CRM asked for, and a
 * share of the daily quota, updated from what the CRM reports ({@code Sforce-Limit-Info}, HubSpot's daily headers,
 * Pipedrive's budget headers). A rate limit pauses what the CRM said is spent, for as long as it said: the whole
 * connection when its shared window is empty (a 429 whose headers say no request is left, or a success that used the
 * last one: {@link #observeWindow}), only the refused call otherwise (a search or concurrency limit, a 429 that leaves
 * requests to spare). Thread-safe: partitions of a connection share it.
 */
public final class ApiGovernor {

    private final String connectionName;
    private final RateLimitSpec spec;
    private final RateLimiter limiter;
    private final Clock clock;
    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.EPOCH);
    private final AtomicLong callsMade = new AtomicLong();
    private final AtomicLong rateLimitedCalls = new AtomicLong();
    private final AtomicLong dailyUsed = new AtomicLong();
    private final AtomicLong dailyLimit;
    private volatile @Nullable Instant dailyResetsAt;

    public ApiGovernor(String connectionName, RateLimitSpec spec, Clock clock) {
        this.connectionName = connectionName;
        this.spec = spec;
        this.clock = clock;
        this.dailyLimit = new AtomicLong(spec.dailyLimit());
        // resilience4j refreshes permits in fixed windows, which lets up to twice the limit through across a window
        // edge; slices of about a tenth of the window keep any rolling window within about 10% of the limit
        // (permits per slice, slice length) keep the exact rate: 18 per second is 1 permit every 55.6 ms
        int perSlice = Math.max(1, spec.requestsPerWindow() / 10);
        this.limiter = RateLimiter.of(connectionName, RateLimiterConfig.custom()
                .limitForPeriod(perSlice)
                .limitRefreshPeriod(spec.window().multipliedBy(perSlice).dividedBy(spec.requestsPerWindow()))
                .timeoutDuration(Duration.ofMinutes(5))
                .build());
    }

    /**
     * Waits until a call may be made (pauses, then the per-window request limit: one request whatever its cost), and
     * counts {@code cost} units against the daily quota (Pipedrive charges tokens per endpoint; others count calls).
     *
     * @throws AllocationReachedException when the call would go beyond this connection's share of the daily quota
     */
    public void acquire(int cost) {
        long limit = dailyLimit.get();
        if (dailyUsed.get() + cost > (long) Math.floor(limit * spec.dailyShare())) {
            throw new AllocationReachedException(connectionName
                    + " has used " + dailyUsed.get() + " of its " + Math.round(spec.dailyShare() * 100) + "% share of "
                    + limit + " daily API units; it resumes when the CRM's quota resets", dailyResetsAt);
        }
        Instant until = pausedUntil.get();
        Duration wait = Duration.between(clock.instant(), until);
        if (!wait.isNegative() && !wait.isZero()) {
            sleep(wait);
        }
        if (!limiter.acquirePermission(1)) {
            throw new CrmApiException.Transient(connectionName + ": no request slot within 5 minutes");
        }
        callsMade.incrementAndGet();
        dailyUsed.addAndGet(cost);
    }

    /** The request rate the limiter allows, per second (for checking its configuration). */
    double requestsPerSecond() {
        RateLimiterConfig config = limiter.getRateLimiterConfig();
        return config.getLimitForPeriod() * 1e9 / config.getLimitRefreshPeriod().toNanos();
    }

    /** The CRM asked to wait {@code retryAfter} before the connection's next call. */
    public void pauseFor(Duration retryAfter) {
        Instant until = clock.instant().plus(retryAfter);
        pausedUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
    }

    /**
     * Waits what {@code limited} asks before its call is made again: a {@link CrmApiException.RateLimited.Scope#CONNECTION}
     * limit pauses every call of the connection (the next {@link #acquire} waits), a
     * {@link CrmApiException.RateLimited.Scope#CALL} limit only the calling thread, here.
     */
    public void rateLimited(CrmApiException.RateLimited limited) {
        rateLimitedCalls.incrementAndGet();
        if (limited.scope() == CrmApiException.RateLimited.Scope.CONNECTION) {
            pauseFor(limited.retryAfter());
        } else {
            sleep(limited.retryAfter());
        }
    }

    /**
     * What the CRM's rate-limit headers say of its current window: {@code remaining} requests left, the window
     * freeing up in {@code resetIn}. With none left the connection pauses until then, instead of meeting a 429.
     */
    public void observeWindow(long remaining, Duration resetIn) {
        if (remaining <= 0 && !resetIn.isNegative() && !resetIn.isZero()) {
            pauseFor(resetIn);
        }
    }

    /** Until when the connection is paused (the epoch when it never was). */
    Instant pausedUntil() {
        return pausedUntil.get();
    }

    /** What the CRM reports of its daily quota: units used today and the limit. */
    public void observeDailyQuota(long used, long limit, @Nullable Instant resetsAt) {
        dailyUsed.set(used);
        if (limit > 0) {
            dailyLimit.set(limit);
        }
        dailyResetsAt = resetsAt;
    }

    /** 429s (rate-limit answers) this governor was told of since it was created. */
    public long rateLimitedCalls() {
        return rateLimitedCalls.get();
    }

    /** Calls made through this governor since it was created (for {@code crm_sync.api_usage}). */
    public long callsMade() {
        return callsMade.get();
    }

    public ApiBudget budget() {
        return new ApiBudget(dailyUsed.get(), dailyLimit.get(), dailyResetsAt);
    }

    private static void sleep(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmApiException("interrupted while waiting for the CRM's rate limit", e);
        }
    }
}
