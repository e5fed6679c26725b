package com.penguinmails.crmsync.serve.dispatch;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.penguinmails.crmsync.serve.ServeProperties;
import com.penguinmails.crmsync.store.ChangeNoticeStore;
import java.time.Duration;
import java.time.Instant;

/**
 * The db-scheduler task "apply the change notices of connection N" (instance id: N): drains the connection, then
 * removes itself, or reschedules itself when a run holds the connection ({@code leaseRetry} later), when the service
 * is stopping with notices left (now, for another replica), or when a notice came in as the drain ended (now). A
 * connection-wide failure is retried with a capped exponential backoff; a replica that dies while applying is
 * revived by another (db-scheduler's dead-execution detection).
 */
final class ApplyNoticesTask {

    /** The task's name in {@code crm_sync.scheduled_tasks}. */
    static final String NAME = "apply-change-notices";

    private ApplyNoticesTask() {
    }

    static CustomTask<Void> create(NoticeDrain drain, ChangeNoticeStore notices, ServeProperties.Dispatch dispatch) {
        return Tasks.custom(NAME, Void.class)
                .onFailure(new CappedBackoff<>(dispatch.backoffBase(), dispatch.backoffMax()))
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    long connectionId = Long.parseLong(instance.getId());
                    NoticeDrain.Result result = drain.drain(connectionId,
                            () -> context.getSchedulerState().isShuttingDown());
                    return switch (result) {
                        case BUSY -> rescheduleIn(dispatch.leaseRetry());
                        case HANDED_BACK -> rescheduleIn(Duration.ZERO);
                        case DRAINED -> (complete, operations) -> {
                            if (notices.hasPending(connectionId)) {
                                operations.reschedule(complete, Instant.now());
                            } else {
                                operations.remove();
                            }
                        };
                    };
                });
    }

    private static CompletionHandler<Void> rescheduleIn(Duration delay) {
        return (complete, operations) -> operations.reschedule(complete, Instant.now().plus(delay));
    }
}
