package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.job.support.JobRunner;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code restart}: resumes failed executions from where they stopped. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = {"Resumes a failed, stopped or killed execution: only its partitions that did not complete run",
                "again, each from its last committed chunk. An execution still marked STARTED whose process is gone",
                "is recovered first (marked FAILED) and then resumed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every restarted execution completed", "1:a restarted execution failed again",
                "2:no such execution, nothing to restart, still running, every connection held by a live run, "
                        + "bad usage or no database"})
class RestartCommand implements Callable<Integer> {

    @ParentCommand
    private CrmSyncCommand root;

    @Spec
    private CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    private Target target;

    static final class Target {
        @Parameters(index = "0", paramLabel = "EXECUTION_ID", description = "The execution to resume.")
        Long executionId;

        @Option(names = "--all-failed", required = true,
                description = "Resume the last execution of every job run that failed or whose process died.")
        boolean allFailed;
    }

    @Option(names = "--force", description = "Resume even though the execution's lock is held "
            + "(only when you know its process is gone); connections a live run holds are still never run twice.")
    private boolean force;

    @Override
    public Integer call() {
        root.session().recordTask("crm-sync restart");
        JobRunner runner = root.session().bean(JobRunner.class);
        List<Long> ids = target.allFailed
                ? runner.restartableExecutions().stream().map(JobExecution::getId).toList()
                : List.of(target.executionId);
        if (ids.isEmpty()) {
            spec.commandLine().getOut().println("no failed executions to restart");
            return ExitCodes.OK;
        }
        int exitCode = ExitCodes.OK;
        for (long id : ids) {
            try {
                JobExecution execution = RunReporting.watch(root, spec, () -> runner.restart(id, force));
                exitCode = Math.max(exitCode, RunReporting.exitCode(execution));
            } catch (InvalidRequestException e) {
                if (!target.allFailed) {
                    throw e;
                }
                spec.commandLine().getErr().println("skipped execution " + id + ": " + e.getMessage());
            }
        }
        return exitCode;
    }
}
