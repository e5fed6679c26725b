package com.penguinmails.crmsync.serve.dispatch;

import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.job.contactsync.RealtimeInbound;
import com.penguinmails.crmsync.job.support.LockTarget;
import com.penguinmails.crmsync.job.support.RecordFailureReason;
import com.penguinmails.crmsync.job.support.RunLocks;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.ServeProperties;
import com.penguinmails.crmsync.store.ChangeNoticeStore;
import com.penguinmails.crmsync.store.ChangeNoticeStore.Pending;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies one connection's pending change notices: under contact-sync's lock on the connection (the lock a CronJob
 * run of contact-sync claims, so the two never work on one connection at once), micro-batch after micro-batch, oldest
 * first, each coalesced and handed to {@link NoticeApplier} ({@link RealtimeInbound}), then marked applied. A crash between the apply and the
 * mark applies the batch again, which converges (the records are read by id).
 */
@Component
@ConditionalOnServe
public class NoticeDrain {

    private static final Logger log = LoggerFactory.getLogger(NoticeDrain.class);

    /** How a drain ended. */
    public enum Result {
        /** Nothing is pending any more. */
        DRAINED,
        /** A run or another replica holds the connection: nothing was applied, try again shortly. */
        BUSY,
        /** The service is stopping: the batch in hand was applied, the rest stays pending for another replica. */
        HANDED_BACK
    }

    private final RunLocks locks;
    private final ChangeNoticeStore notices;
    private final NoticeApplier inbound;
    private final int batchSize;

    public NoticeDrain(RunLocks locks, ChangeNoticeStore notices, NoticeApplier inbound, ServeProperties properties) {
        this.locks = locks;
        this.notices = notices;
        this.inbound = inbound;
        this.batchSize = properties.dispatch().batchSize();
    }

    /**
     * Drains the connection until nothing is pending or {@code stopping} says so (checked between micro-batches).
     *
     * @throws ConnectionApplyException when the connection as a whole failed; the batch's notices stay pending with
     *                                  one more attempt counted
     */
    public Result drain(long connectionId, BooleanSupplier stopping) {
        Optional<RunLocks.Lease> lease = locks.tryLease(ContactSyncJobConfiguration.JOB_NAME,
                LockTarget.connection(connectionId));
        if (lease.isEmpty()) {
            return Result.BUSY;
        }
        try (RunLocks.Lease held = lease.get()) {
            while (true) {
                List<Pending> batch = notices.pending(connectionId, batchSize);
                if (batch.isEmpty()) {
                    return Result.DRAINED;
                }
                apply(connectionId, batch);
                if (stopping.getAsBoolean()) {
                    return notices.hasPending(connectionId) ? Result.HANDED_BACK : Result.DRAINED;
                }
            }
        }
    }

    private void apply(long connectionId, List<Pending> batch) {
        List<Long> ids = batch.stream().map(Pending::id).toList();
        RealtimeInbound.Outcome outcome;
        try {
            outcome = inbound.apply(connectionId, NoticeCoalescing.coalesce(batch));
        } catch (RuntimeException e) {
            String reason = RecordFailureReason.of(e);
            notices.markFailed(ids, reason);
            throw new ConnectionApplyException(connectionId, reason, e);
        }
        notices.markApplied(ids);
        log.debug("connection {}: {} notices applied ({})", connectionId, ids.size(), outcome);
    }

    /** A connection-wide failure while applying a micro-batch: retried later, with backoff. */
    public static final class ConnectionApplyException extends RuntimeException {

        ConnectionApplyException(long connectionId, String reason, Throwable cause) {
            super("connection " + connectionId + ": applying change notices failed: " + reason, cause);
        }
    }
}
