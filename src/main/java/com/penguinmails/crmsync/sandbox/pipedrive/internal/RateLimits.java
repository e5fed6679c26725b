package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import com.penguinmails.crmsync.sandbox.support.RollingWindowLimiter;
import com.penguinmails.crmsync.sandbox.support.SandboxClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pipedrive's two limits on the sandbox clock: the burst limit per token per rolling 2 seconds (API token and OAuth
 * tiers, and the separate search limit), and the company's daily token budget, reset at midnight UTC. A rejected
 * request costs nothing.
 */
public final class RateLimits {

    static final Duration WINDOW = Duration.ofSeconds(2);

    /** The outcome of admitting a request: the headers every answer carries, and the rejection if any. */
    public record Decision(Map<String, String> headers, Optional<Rejection> rejection) {
    }

    /** Why a request was turned away and when to come back. */
    public record Rejection(String message, Duration retryAfter) {
    }

    private final PlanLimits plan;
    private final SandboxClock clock;
    private final RollingWindowLimiter apiTokenBurst;
    private final RollingWindowLimiter oauthBurst;
    private final RollingWindowLimiter searchBurst;
    private LocalDate day;
    private long usedToday;
    private long usedTotal;

    public RateLimits(PlanLimits plan, SandboxClock clock) {
        this.plan = plan;
        this.clock = clock;
        this.apiTokenBurst = new RollingWindowLimiter(plan.apiTokenBurst(), WINDOW, clock);
        this.oauthBurst = new RollingWindowLimiter(plan.oauthBurst(), WINDOW, clock);
        this.searchBurst = new RollingWindowLimiter(plan.searchBurst(), WINDOW, clock);
        this.day = today();
    }

    public Decision admit(Caller caller, TokenCost cost) {
        RollingWindowLimiter burst = caller.oauth() ? oauthBurst : apiTokenBurst;
        Optional<Duration> wait = burst.tryAcquire(caller.limitKey());
        if (wait.isEmpty() && cost.search()) {
            wait = searchBurst.tryAcquire(caller.limitKey());
        }
        if (wait.isPresent()) {
            return new Decision(headers(burst, caller, seconds(wait.get())),
                    Optional.of(new Rejection("Request over limit", wait.get())));
        }
        synchronized (this) {
            rollDay();
            if (usedToday + cost.tokens() > plan.dailyTokenBudget()) {
                Duration untilMidnight = Duration.between(clock.instant(),
                        day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
                return new Decision(headers(burst, caller, WINDOW.toSeconds()),
                        Optional.of(new Rejection("daily request budget exceeded", untilMidnight)));
            }
            usedToday += cost.tokens();
            usedTotal += cost.tokens();
        }
        return new Decision(headers(burst, caller, WINDOW.toSeconds()), Optional.empty());
    }

    /** Takes tokens from today's budget as other users and integrations of the company would. */
    public synchronized void spend(long tokens) {
        rollDay();
        usedToday = Math.min(plan.dailyTokenBudget(), usedToday + tokens);
        usedTotal += tokens;
    }

    public synchronized long usedToday() {
        rollDay();
        return usedToday;
    }

    public synchronized void reset() {
        apiTokenBurst.reset();
        oauthBurst.reset();
        searchBurst.reset();
        day = today();
        usedToday = 0;
        usedTotal = 0;
    }

    /** Figures for {@code GET /_sandbox/stats}. */
    public synchronized Map<String, Object> stats() {
        rollDay();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("plan", plan.planName());
        stats.put("dailyTokenBudget", plan.dailyTokenBudget());
        stats.put("tokensUsedToday", usedToday);
        stats.put("tokensLeftToday", plan.dailyTokenBudget() - usedToday);
        stats.put("tokensUsedTotal", usedTotal);
        stats.put("burstPer2sApiToken", plan.apiTokenBurst());
        stats.put("burstPer2sOAuth", plan.oauthBurst());
        stats.put("searchBurstPer2s", plan.searchBurst());
        return stats;
    }

    private Map<String, String> headers(RollingWindowLimiter burst, Caller caller, long resetSeconds) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-ratelimit-limit", Integer.toString(burst.limit()));
        headers.put("x-ratelimit-remaining", Integer.toString(burst.remaining(caller.limitKey())));
        headers.put("x-ratelimit-reset", Long.toString(Math.max(1, resetSeconds)));
        synchronized (this) {
            rollDay();
            headers.put("x-daily-requests-left", Long.toString(Math.max(0, plan.dailyTokenBudget() - usedToday)));
        }
        return headers;
    }

    private void rollDay() {
        LocalDate now = today();
        if (now.isAfter(day)) {
            day = now;
            usedToday = 0;
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static long seconds(Duration duration) {
        long seconds = duration.toSeconds();
        return duration.minusSeconds(seconds).isZero() ? seconds : seconds + 1;
    }
}
