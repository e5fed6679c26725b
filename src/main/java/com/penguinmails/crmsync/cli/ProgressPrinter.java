package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.job.support.RunProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.batch.core.step.StepExecution;

/**
 * Progress of the running partitions on standard error: on a terminal, one live line rewritten every second; in a
 * log (CronJob pods), one line per partition every {@value #LOG_INTERVAL_SECONDS} seconds.
 */
final class ProgressPrinter implements AutoCloseable {

    static final int LOG_INTERVAL_SECONDS = 5;

    private final ScheduledExecutorService scheduler;
    private final PrintWriter err;
    private final boolean terminal;

    private ProgressPrinter(ScheduledExecutorService scheduler, PrintWriter err, boolean terminal) {
        this.scheduler = scheduler;
        this.err = err;
        this.terminal = terminal;
    }

    static ProgressPrinter start(RunProgress progress, PrintWriter err, boolean terminal) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        ProgressPrinter printer = new ProgressPrinter(scheduler, err, terminal);
        long interval = terminal ? 1 : LOG_INTERVAL_SECONDS;
        scheduler.scheduleAtFixedRate(() -> printer.print(progress.running()), interval, interval, TimeUnit.SECONDS);
        return printer;
    }

    private void print(List<StepExecution> running) {
        if (running.isEmpty()) {
            return;
        }
        if (terminal) {
            String line = running.stream().map(ProgressPrinter::describe).collect(Collectors.joining(" | "));
            err.print("\r\033[K" + line);
        } else {
            running.forEach(step -> err.println("progress " + describe(step)));
        }
        err.flush();
    }

    static String describe(StepExecution step) {
        LocalDateTime start = step.getStartTime();
        double seconds = start == null ? 0 : Math.max(0.001, Duration.between(start, LocalDateTime.now()).toMillis() / 1000.0);
        long done = step.getReadCount();
        return String.format("%s %d done %.0f/s %.0fs", RunReporting.partitionName(step), done,
                seconds == 0 ? 0 : done / seconds, seconds);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        if (terminal) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
