package com.penguinmails.crmsync.job.engagementsync;

import com.penguinmails.crmsync.job.support.ConnectionPartitioner;
import com.penguinmails.crmsync.store.ActivityBacklogStore;
import com.penguinmails.crmsync.store.SyncAuditStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Bounds the wait of e-mails a connection could not log: before the partition reads, expires those waiting longer
 * than the allowed time (counted in {@code sync_audit} as {@code activities_expired}; kept as expired for as long
 * again, so reading recent events again does not revive them); after it, records how many wait (as
 * {@code activities_waiting}), so operators see both.
 */
class BacklogExpiryListener implements StepExecutionListener {

    private final ActivityBacklogStore backlog;
    private final SyncAuditStore audit;
    private final Duration maxWait;
    private final Clock clock;

    public BacklogExpiryListener(ActivityBacklogStore backlog, SyncAuditStore audit, Duration maxWait, Clock clock) {
        this.backlog = backlog;
        this.audit = audit;
        this.maxWait = maxWait;
        this.clock = clock;
    }

    @Override
    public void beforeStep(StepExecution step) {
        Map<String, Integer> expired = backlog.expire(connectionId(step), clock.instant().minus(maxWait),
                clock.instant().minus(maxWait.multipliedBy(2)));
        if (!expired.isEmpty()) {
            append(step, "activities_expired", expired);
        }
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution step) {
        Map<String, Integer> waiting = backlog.waiting(connectionId(step));
        if (!waiting.isEmpty()) {
            append(step, "activities_waiting", waiting);
        }
        return null;
    }

    private void append(StepExecution step, String action, Map<String, Integer> counts) {
        audit.append(List.of(new SyncAuditStore.Entry(step.getExecutionContext().getString(
                ConnectionPartitioner.TENANT_ID), connectionId(step), EngagementSyncJobConfiguration.JOB_NAME,
                step.getJobExecutionId(), step.getStepName(), action, "ACTIVITY",
                counts.values().stream().mapToInt(Integer::intValue).sum(), Map.of("byReason", counts,
                        "maxWait", maxWait.toString()))));
    }

    private static long connectionId(StepExecution step) {
        return step.getExecutionContext().getLong(ConnectionPartitioner.CONNECTION_ID);
    }
}
