package com.penguinmails.crmsync.connector.pipedrive.internal;

import com.penguinmails.crmsync.connector.support.ApiGovernor;
import com.penguinmails.crmsync.core.ApiBudget;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells the connection's governor what Pipedrive reports of the daily token budget: {@code x-daily-requests-left}
 * is the tokens left today, so used = budget - left. The budget is the {@code dailyTokenBudget} setting, raised to
 * the largest "left" ever seen (a bigger plan than configured). Without the header, the call's token cost is added.
 * Answers of concurrent calls arrive in any order, so the most tokens used seen today counts. The budget resets at
 * midnight (taken as UTC: Pipedrive does not say when in the header).
 */
public final class QuotaMeter {

    private final ApiGovernor governor;
    private final AtomicLong budget;
    private long mostUsed;
    private Instant resetsAt = nextMidnightUtc();

    public QuotaMeter(ApiGovernor governor, long configuredBudget) {
        this.governor = governor;
        this.budget = new AtomicLong(configuredBudget);
    }

    /** Records what an answer says; {@code cost} is the tokens the call was expected to take. */
    public synchronized void observe(HttpHeaders headers, TokenCost cost) {
        OptionalLong left = tokensLeft(headers);
        if (left.isPresent()) {
            long limit = budget.accumulateAndGet(left.getAsLong(), Math::max);
            if (!Instant.now().isBefore(resetsAt)) {
                mostUsed = 0;
                resetsAt = nextMidnightUtc();
            }
            mostUsed = Math.max(mostUsed, limit - left.getAsLong());
            governor.observeDailyQuota(mostUsed, limit, resetsAt);
        } else {
            // the governor counted one unit for the call: add the rest of its token cost
            ApiBudget known = governor.budget();
            governor.observeDailyQuota(known.used() + cost.tokens() - 1, known.limit(), known.resetsAt());
        }
    }

    public static OptionalLong tokensLeft(HttpHeaders headers) {
        return headers.firstValue("x-daily-requests-left").flatMap(v -> {
            try {
                return java.util.Optional.of(Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        }).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private static Instant nextMidnightUtc() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
