package com.penguinmails.crmsync.serve.dispatch;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.penguinmails.crmsync.job.contactsync.RealtimeInbound;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.ServeProperties;
import com.penguinmails.crmsync.store.ChangeNoticeStore;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires db-scheduler by hand on the application's DataSource and {@code crm_sync.scheduled_tasks} (Flyway V11): the
 * per-connection apply task, the recurring sweep, the scheduler and its lifecycle and health.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnServe
class DispatchConfiguration {

    static final String TABLE = "crm_sync.scheduled_tasks";
    static final String SWEEP_TASK = "change-notice-sweep";

    /** Contact-sync's real-time apply, behind the drain's seam. */
    @Bean
    NoticeApplier noticeApplier(RealtimeInbound inbound) {
        return inbound::apply;
    }

    @Bean
    CustomTask<Void> applyChangeNoticesTask(NoticeDrain drain, ChangeNoticeStore notices, ServeProperties properties) {
        return ApplyNoticesTask.create(drain, notices, properties.dispatch());
    }

    /** Schedules every connection with pending notices and no task of its own. */
    @Bean
    RecurringTask<Void> changeNoticeSweepTask(ChangeNoticeStore notices, CustomTask<Void> applyChangeNoticesTask,
                                             ServeProperties properties) {
        return Tasks.recurring(SWEEP_TASK, FixedDelay.of(properties.dispatch().sweepInterval()))
                .execute((instance, context) -> notices.connectionsWithPending().forEach(connectionId ->
                        context.getSchedulerClient().scheduleIfNotExists(
                                applyChangeNoticesTask.schedulableInstance(Long.toString(connectionId)))));
    }

    @Bean
    Scheduler changeNoticeScheduler(DataSource dataSource, CustomTask<Void> applyChangeNoticesTask,
                                    RecurringTask<Void> changeNoticeSweepTask, ServeProperties properties) {
        ServeProperties.Dispatch dispatch = properties.dispatch();
        return Scheduler.create(dataSource, applyChangeNoticesTask)
                .startTasks(changeNoticeSweepTask)
                .tableName(TABLE)
                .schedulerName(dispatch.schedulerName() == null || dispatch.schedulerName().isBlank()
                        ? new SchedulerName.Hostname() : new SchedulerName.Fixed(dispatch.schedulerName()))
                .threads(dispatch.threads())
                .pollingInterval(dispatch.pollingInterval())
                .heartbeatInterval(dispatch.heartbeatInterval())
                .missedHeartbeatsLimit(dispatch.missedHeartbeats())
                .shutdownMaxWait(dispatch.shutdownMaxWait())
                .enableImmediateExecution()
                // one line per failure: the reason is in change_notices.last_failure, the trace is for --debug
                .failureLogging(LogLevel.WARN, false)
                .build();
    }

    @Bean
    DispatchScheduler dispatchScheduler(Scheduler changeNoticeScheduler) {
        return new DispatchScheduler(changeNoticeScheduler);
    }

    @Bean
    DispatchHealthIndicator dispatchHealthIndicator(DispatchScheduler dispatchScheduler) {
        return new DispatchHealthIndicator(dispatchScheduler);
    }
}
