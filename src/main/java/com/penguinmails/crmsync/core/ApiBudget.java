package com.penguinmails.crmsync.core;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a connection may still spend on the CRM's API: calls (or Pipedrive tokens) used and allowed today, as the CRM
 * last reported them ({@code Sforce-Limit-Info}, HubSpot's daily headers, Pipedrive's budget headers).
 */
public record ApiBudget(long used, long limit, @Nullable Instant resetsAt) {

    public long remaining() {
        return Math.max(0, limit - used);
    }

    /** Whether spending stays within {@code share} (0..1] of the daily limit. */
    public boolean allows(double share) {
        return used < (long) Math.floor(limit * share);
    }
}
