package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.job.support.JobRunner;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code abandon <executionId>}: gives up on an execution for good. */
@Command(name = "abandon", mixinStandardHelpOptions = true,
        description = {"Marks a failed or stopped execution ABANDONED: it will never be restarted",
                "('restart --all-failed' skips it). The next scheduled run starts from the watermarks."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:abandoned", "2:no such execution, still running, bad usage or no database"})
class AbandonCommand implements Callable<Integer> {

    @ParentCommand
    private CrmSyncCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXECUTION_ID")
    private long executionId;

    @Override
    public Integer call() {
        JobExecution execution = root.session().bean(JobRunner.class).abandon(executionId);
        spec.commandLine().getOut().printf("execution %d: %s%n", executionId, execution.getStatus());
        return ExitCodes.OK;
    }
}
