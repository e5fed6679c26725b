package com.penguinmails.crmsync.serve.dispatch;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import java.time.Duration;
import java.time.Instant;

/**
 * db-scheduler's failure handling for a connection that failed as a whole: retried after {@code base}, doubled per
 * consecutive failure, never later than {@code max} (db-scheduler's own exponential handler has no cap).
 */
final class CappedBackoff<T> implements FailureHandler<T> {

    private final Duration base;
    private final Duration max;

    CappedBackoff(Duration base, Duration max) {
        this.base = base;
        this.max = max;
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
        operations.reschedule(complete, complete.getTimeDone().plus(delay(complete.getExecution().consecutiveFailures)));
    }

    /** The delay after {@code earlierFailures} failures before this one. */
    Duration delay(int earlierFailures) {
        int doublings = Math.min(Math.max(earlierFailures, 0), 30);
        Duration delay = base.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 || delay.isNegative() ? max : delay;
    }
}
