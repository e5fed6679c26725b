package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.SyncError;
import com.penguinmails.crmsync.job.support.FailureCause;
import com.penguinmails.crmsync.job.support.JobRunner;
import com.penguinmails.crmsync.job.support.LockTarget;
import com.penguinmails.crmsync.store.SyncErrorStore;
import com.penguinmails.crmsync.job.support.LauncherRecorder;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code show <executionId>}: one execution and its partitions. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Shows one job execution: per partition its status, read/write/skip/commit counts and last error; "
                + "then how many sync errors and warnings it left open.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "2:no such execution, bad usage or no database"})
class ShowCommand implements Callable<Integer> {

    @ParentCommand
    private CrmSyncCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXECUTION_ID")
    private long executionId;

    @Option(names = "--json", description = {"Print a JSON array with one object per partition: id, status, counts,",
            "lastError, failureCause and failureKind (auth_revoked, quota_exhausted, crm_down, held, database, error;",
            "null when it did not fail), connectionId, and the openErrors and openWarnings it left."})
    private boolean json;

    @Override
    public Integer call() {
        JobExecution execution = root.session().bean(JobRunner.class).execution(executionId);
        List<StepExecution> partitions = RunReporting.partitions(execution);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Map<SyncError.Kind, Long>> open = root.session().bean(SyncErrorStore.class)
                    .openByExecutionPerTarget(executionId);
            Json.printArray(out, partitions.stream().map(p -> asMap(p, open)).toList());
            return ExitCodes.OK;
        }
        out.printf("execution %d of %s: %s (exit %s)%n", execution.getId(), execution.getJobInstance().getJobName(),
                execution.getStatus(), execution.getExitStatus().getExitCode());
        out.printf("parameters: %s%n", execution.getJobParameters().parameters().stream()
                .map(p -> p.name() + "=" + p.value()).sorted().toList());
        out.printf("launched by: %s, started %s, ended %s%n",
                execution.getExecutionContext().getString(LauncherRecorder.LAUNCHER, "-"),
                execution.getStartTime(), execution.getEndTime());
        Table table = new Table("PARTITION", "STATUS", "READ", "WRITTEN", "FILTERED", "SKIPPED", "COMMITS",
                "ROLLBACKS", "LAST ERROR");
        for (StepExecution p : partitions) {
            table.row(RunReporting.partitionName(p), p.getStatus(), p.getReadCount(), p.getWriteCount(),
                    p.getFilterCount(), p.getSkipCount(), p.getCommitCount(), p.getRollbackCount(),
                    lastError(p) == null ? "-" : lastError(p));
        }
        table.print(out);
        Map<SyncError.Kind, Long> open = root.session().bean(SyncErrorStore.class).openByExecution(executionId);
        out.printf("open sync errors: %d, warnings: %d (see 'crm-sync errors list')%n",
                open.get(SyncError.Kind.ERROR), open.get(SyncError.Kind.WARNING));
        return ExitCodes.OK;
    }

    private static Map<String, Object> asMap(StepExecution p, Map<String, Map<SyncError.Kind, Long>> open) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.getId());
        m.put("jobExecutionId", p.getJobExecutionId());
        m.put("partition", RunReporting.partitionName(p));
        m.put("status", p.getStatus().name());
        m.put("readCount", p.getReadCount());
        m.put("writeCount", p.getWriteCount());
        m.put("filterCount", p.getFilterCount());
        m.put("skipCount", p.getSkipCount());
        m.put("commitCount", p.getCommitCount());
        m.put("rollbackCount", p.getRollbackCount());
        m.put("lastError", lastError(p));
        m.put("failureCause", FailureCause.recorded(p));
        m.put("failureKind", FailureCause.recordedKind(p));
        LockTarget target = LockTarget.of(p.getExecutionContext());
        Map<SyncError.Kind, Long> counts = target == null ? Map.of() : open.getOrDefault(target.toString(), Map.of());
        m.put("connectionId", target != null && target.kind() == LockTarget.Kind.CONNECTION
                ? Long.valueOf(target.id()) : null);
        m.put("openErrors", counts.getOrDefault(SyncError.Kind.ERROR, 0L));
        m.put("openWarnings", counts.getOrDefault(SyncError.Kind.WARNING, 0L));
        return m;
    }

    /**
     * Why the partition failed: the cause its run recorded (the root cause under Spring Batch's wrappers, one line),
     * else the first line of its exit description; null when it did not end in error.
     */
    static @Nullable String lastError(StepExecution p) {
        String cause = FailureCause.recorded(p);
        if (cause != null) {
            return cause;
        }
        String description = p.getExitStatus().getExitDescription();
        if (description == null || description.isBlank()) {
            return null;
        }
        String first = description.lines().findFirst().orElse("").strip();
        return first.length() > 400 ? first.substring(0, 400) + "..." : first;
    }
}
