package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;

/**
 * Pipedrive's limits for a sandbox plan. Daily token budget = 30,000 x plan multiplier x seats; burst = requests per
 * rolling 2 seconds per token. FREE reads as Essential with 1 seat (x1: 30,000; 20 API-token / 80 OAuth), PRO as
 * Advanced with 10 seats (x2: 600,000; 40 / 160), ENTERPRISE as Enterprise with 10 seats (x4 as the project's
 * reading: 1,200,000; 120 / 480). Search endpoints: 10 per 2 seconds per token on every plan.
 */
public record PlanLimits(String planName, int seats, int multiplier, int apiTokenBurst, int oauthBurst,
                         int searchBurst) {

    public static final int BASE_TOKENS = 30_000;
    public static final int SEARCH_BURST = 10;

    public static PlanLimits of(SandboxOptions.Plan plan) {
        return switch (plan) {
            case FREE -> new PlanLimits("Essential", 1, 1, 20, 80, SEARCH_BURST);
            case PRO -> new PlanLimits("Advanced", 10, 2, 40, 160, SEARCH_BURST);
            case ENTERPRISE -> new PlanLimits("Enterprise", 10, 4, 120, 480, SEARCH_BURST);
        };
    }

    public long dailyTokenBudget() {
        return (long) BASE_TOKENS * multiplier * seats;
    }
}
