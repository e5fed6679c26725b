package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.SyncError;
import com.penguinmails.crmsync.job.support.QuotaPauseListener;
import com.penguinmails.crmsync.job.support.RunProgress;
import com.penguinmails.crmsync.store.SyncErrorStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import picocli.CommandLine.Model.CommandSpec;

/** What every job-running command shows: live progress while it runs, a summary table when it ends. */
final class RunReporting {

    private RunReporting() {
    }

    static JobExecution watch(CrmSyncCommand root, CommandSpec spec, Supplier<JobExecution> run) {
        RunProgress progress = root.session().bean(RunProgress.class);
        PrintWriter err = spec.commandLine().getErr();
        JobExecution execution;
        try (ProgressPrinter printer = ProgressPrinter.start(progress, err, System.console() != null)) {
            execution = run.get();
        }
        printSummary(execution, spec.commandLine().getOut());
        printProblems(root, execution, spec.commandLine().getOut());
        return execution;
    }

    static int exitCode(JobExecution execution) {
        return execution.getStatus() == BatchStatus.COMPLETED ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The partitions of an execution: its worker step executions (named {@code step:partition}). */
    static List<StepExecution> partitions(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(s -> s.getStepName().contains(":"))
                .sorted(Comparator.comparing(StepExecution::getStepName))
                .toList();
    }

    /**
     * A partition as operators read it: {@code tenant-acme}, or, in a job with several partitioned steps,
     * {@code contactOutbound/connection-3} (the worker step's name without its {@code ConnectionStep} suffix).
     */
    static String partitionName(StepExecution step) {
        String name = step.getStepName();
        String partition = name.substring(name.indexOf(':') + 1);
        long workerSteps = step.getJobExecution().getStepExecutions().stream()
                .map(s -> s.getStepName().contains(":") ? s.getStepName().substring(0, s.getStepName().indexOf(':')) : "")
                .filter(s -> !s.isEmpty()).distinct().count();
        if (workerSteps <= 1) {
            return partition;
        }
        String worker = name.substring(0, name.indexOf(':')).replaceFirst("(Connection|Tenant)?Step$", "");
        return worker + "/" + partition;
    }

    static void printSummary(JobExecution execution, PrintWriter out) {
        Table table = new Table("PARTITION", "STATUS", "READ", "WRITTEN", "FILTERED", "SKIPPED", "COMMITS", "TIME");
        long read = 0;
        long written = 0;
        for (StepExecution step : partitions(execution)) {
            table.row(partitionName(step), step.getStatus(), step.getReadCount(), step.getWriteCount(),
                    step.getFilterCount(), step.getSkipCount(), step.getCommitCount(),
                    seconds(step.getStartTime(), step.getEndTime()));
            read += step.getReadCount();
            written += step.getWriteCount();
        }
        if (!table.isEmpty()) {
            table.print(out);
        }
        out.printf("execution %d of %s: %s in %s (%d read, %d written)%n", execution.getId(),
                execution.getJobInstance().getJobName(), execution.getStatus(),
                seconds(execution.getStartTime(), execution.getEndTime()), read, written);
        for (StepExecution step : partitions(execution)) {
            if (step.getExecutionContext().containsKey(QuotaPauseListener.NOTE)) {
                out.printf("%s: %s%n", partitionName(step), step.getExecutionContext().getString(QuotaPauseListener.NOTE));
            }
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            for (StepExecution step : partitions(execution)) {
                String cause = ShowCommand.lastError(step);
                if (step.getStatus() != BatchStatus.COMPLETED && cause != null) {
                    out.printf("%s failed: %s%n", partitionName(step), cause);
                }
            }
            out.printf("see 'crm-sync show %d'; resume it with 'crm-sync restart %d'%n", execution.getId(),
                    execution.getId());
        }
        out.flush();
    }

    /** The errors and warnings the execution left open, when there are any. */
    static void printProblems(CrmSyncCommand root, JobExecution execution, PrintWriter out) {
        String line = problems(root.session().bean(SyncErrorStore.class).openByExecution(execution.getId()),
                execution.getId());
        if (line != null) {
            out.println(line);
            out.flush();
        }
    }

    /** {@code 2 errors, 5 warnings open (see 'crm-sync errors list')}, or null when there are none. */
    static @Nullable String problems(Map<SyncError.Kind, Long> open, long executionId) {
        long errors = open.getOrDefault(SyncError.Kind.ERROR, 0L);
        long warnings = open.getOrDefault(SyncError.Kind.WARNING, 0L);
        if (errors == 0 && warnings == 0) {
            return null;
        }
        return String.format("execution %d: %d error%s (records not synced), %d warning%s (values dropped, cleaned "
                        + "or cut) open; see 'crm-sync errors list'", executionId, errors, errors == 1 ? "" : "s",
                warnings, warnings == 1 ? "" : "s");
    }

    static String seconds(@Nullable LocalDateTime start, @Nullable LocalDateTime end) {
        if (start == null) {
            return "-";
        }
        Duration d = Duration.between(start, end == null ? LocalDateTime.now() : end);
        return String.format("%.1fs", d.toMillis() / 1000.0);
    }
}
