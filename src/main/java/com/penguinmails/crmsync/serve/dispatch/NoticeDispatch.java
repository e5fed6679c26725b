package com.penguinmails.crmsync.serve.dispatch;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a part of the service calls once it has stored change notices (after its transaction committed): makes sure
 * each connection's notices will be applied, by scheduling its task now unless it has one (scheduled, retrying, or
 * being applied: a drain runs until nothing is pending). Never fails the caller: notices it could not schedule are
 * found by the sweep.
 */
@Component
@ConditionalOnServe
public class NoticeDispatch {

    private static final Logger log = LoggerFactory.getLogger(NoticeDispatch.class);

    private final SchedulerClient scheduler;
    private final CustomTask<Void> applyTask;

    NoticeDispatch(SchedulerClient scheduler, CustomTask<Void> applyChangeNoticesTask) {
        this.scheduler = scheduler;
        this.applyTask = applyChangeNoticesTask;
    }

    /** Schedules the connections' notices to be applied. */
    public void schedule(Collection<Long> connectionIds) {
        for (long connectionId : connectionIds) {
            try {
                scheduler.scheduleIfNotExists(applyTask.schedulableInstance(Long.toString(connectionId)));
            } catch (RuntimeException e) {
                log.warn("connection {}: change notices stored but not scheduled yet (the sweep will): {}",
                        connectionId, e.getClass().getSimpleName());
            }
        }
    }
}
