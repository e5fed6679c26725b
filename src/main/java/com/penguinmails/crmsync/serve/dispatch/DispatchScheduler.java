package com.penguinmails.crmsync.serve.dispatch;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.springframework.context.SmartLifecycle;

/**
 * Starts db-scheduler with the context and stops it first when the service shuts down: it takes no new work, waits
 * up to {@code shutdownMaxWait} for the micro-batches being applied, and hands the rest back (their tasks are
 * rescheduled or revived by another replica).
 */
final class DispatchScheduler implements SmartLifecycle {

    private final Scheduler scheduler;
    private volatile boolean running;

    DispatchScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        scheduler.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        scheduler.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether dispatch takes work now. */
    boolean dispatching() {
        return running && scheduler.getSchedulerState().isStarted()
                && !scheduler.getSchedulerState().isShuttingDown();
    }
}
