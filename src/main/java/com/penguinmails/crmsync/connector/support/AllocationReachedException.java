package com.penguinmails.crmsync.connector.support;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The connection reached its API allocation (its {@code dailyShare} of the CRM's daily quota, {@link ApiGovernor}):
 * a {@link Reason#QUOTA_EXHAUSTED} of the suite's own making, which the jobs answer by pausing the connection until
 * the quota resets rather than by failing the run (a quota the CRM itself reports spent still fails the partition).
 */
public class AllocationReachedException extends CrmUnavailableException {

    private final @Nullable Instant resetsAt;

    public AllocationReachedException(String message, @Nullable Instant resetsAt) {
        super(Reason.QUOTA_EXHAUSTED, message);
        this.resetsAt = resetsAt;
    }

    /** When the CRM said its daily quota resets, if it did. */
    public @Nullable Instant resetsAt() {
        return resetsAt;
    }
}
