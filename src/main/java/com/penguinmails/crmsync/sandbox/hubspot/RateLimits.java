package com.penguinmails.crmsync.sandbox.hubspot;

import com.penguinmails.crmsync.sandbox.support.RollingWindowLimiter;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * HubSpot's API limits for one account: the plan's daily quota (UTC day on the sandbox clock), the rolling
 * ten-second burst per app (the plan's figure for private apps, 110 for public OAuth apps) and the search endpoints'
 * own per-second limit. Standard responses carry the {@code X-HubSpot-RateLimit-*} headers; search responses do not.
 */
final class RateLimits {

    static final int OAUTH_APP_BURST = 110;
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    /** Whether a request may go on, and the headers its response carries. */
    record Admission(Optional<SandboxResponse> rejection, Map<String, String> headers) {

        SandboxResponse decorate(SandboxResponse response) {
            SandboxResponse decorated = response;
            for (Map.Entry<String, String> header : headers.entrySet()) {
                decorated = decorated.withHeader(header.getKey(), header.getValue());
            }
            return decorated;
        }
    }

    private final Clock clock;
    private final long dailyLimit;
    private final RollingWindowLimiter privateApps;
    private final RollingWindowLimiter oauthApps;
    private final RollingWindowLimiter search;
    private LocalDate day;
    private long usedToday;

    RateLimits(Clock clock, SandboxOptions.Plan plan, int searchPerSecond) {
        this.clock = clock;
        int burst = plan == SandboxOptions.Plan.FREE ? 100 : 190;
        this.dailyLimit = switch (plan) {
            case FREE -> 250_000;
            case PRO -> 625_000;
            case ENTERPRISE -> 1_000_000;
        };
        this.privateApps = new RollingWindowLimiter(burst, TEN_SECONDS, clock);
        this.oauthApps = new RollingWindowLimiter(OAUTH_APP_BURST, TEN_SECONDS, clock);
        this.search = new RollingWindowLimiter(searchPerSecond, Duration.ofSeconds(1), clock);
        this.day = today();
    }

    /** Admits a standard CRM request, or answers HubSpot's 429 for the daily or ten-second policy. */
    Admission admit(Caller caller) {
        RollingWindowLimiter burst = burst(caller);
        synchronized (this) {
            if (!takeDaily()) {
                return new Admission(Optional.of(HubSpotErrors.rateLimited(HubSpotErrors.Policy.DAILY)),
                        headers(caller));
            }
            if (burst.tryAcquire(caller.appKey()).isPresent()) {
                usedToday--;
                return new Admission(Optional.of(HubSpotErrors.rateLimited(
                        HubSpotErrors.Policy.TEN_SECONDLY_ROLLING)), headers(caller));
            }
            return new Admission(Optional.empty(), headers(caller));
        }
    }

    /** Admits a search request (its own per-second limit, no rate-limit headers; it still counts for the day). */
    Admission admitSearch() {
        synchronized (this) {
            if (!takeDaily()) {
                return new Admission(Optional.of(HubSpotErrors.rateLimited(HubSpotErrors.Policy.DAILY)), Map.of());
            }
            if (search.tryAcquire("account").isPresent()) {
                usedToday--;
                return new Admission(Optional.of(HubSpotErrors.rateLimited(HubSpotErrors.Policy.SECONDLY)),
                        Map.of());
            }
            return new Admission(Optional.empty(), Map.of());
        }
    }

    private boolean takeDaily() {
        rollDay();
        if (usedToday >= dailyLimit) {
            return false;
        }
        usedToday++;
        return true;
    }

    private void rollDay() {
        LocalDate now = today();
        if (!now.equals(day)) {
            day = now;
            usedToday = 0;
        }
    }

    private LocalDate today() {
        return clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private RollingWindowLimiter burst(Caller caller) {
        return caller.oauthApp() ? oauthApps : privateApps;
    }

    private Map<String, String> headers(Caller caller) {
        RollingWindowLimiter burst = burst(caller);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-HubSpot-RateLimit-Daily", Long.toString(dailyLimit));
        headers.put("X-HubSpot-RateLimit-Daily-Remaining", Long.toString(Math.max(0, dailyLimit - usedToday)));
        headers.put("X-HubSpot-RateLimit-Interval-Milliseconds", Long.toString(TEN_SECONDS.toMillis()));
        headers.put("X-HubSpot-RateLimit-Max", Integer.toString(burst.limit()));
        headers.put("X-HubSpot-RateLimit-Remaining", Integer.toString(burst.remaining(caller.appKey())));
        return headers;
    }

    /** Takes {@code calls} from today's quota, as the account's other integrations would. */
    synchronized void spend(long calls) {
        rollDay();
        usedToday = Math.min(dailyLimit, usedToday + calls);
    }

    synchronized Map<String, Object> usage() {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("dailyLimit", dailyLimit);
        usage.put("usedToday", usedToday);
        usage.put("tenSecondLimitPrivateApp", privateApps.limit());
        usage.put("tenSecondLimitOAuthApp", oauthApps.limit());
        usage.put("searchPerSecond", search.limit());
        return usage;
    }

    synchronized void reset() {
        privateApps.reset();
        oauthApps.reset();
        search.reset();
        day = today();
        usedToday = 0;
    }
}
