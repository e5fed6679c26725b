package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.job.support.JobRunner;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stop <executionId>}: asks a running execution to stop. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Asks a running execution to stop after its current chunk (it may run in another process).",
                "It ends STOPPED and can be resumed with 'restart'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stop requested", "2:no such execution, not running, bad usage or no database"})
class StopCommand implements Callable<Integer> {

    @ParentCommand
    private CrmSyncCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXECUTION_ID")
    private long executionId;

    @Override
    public Integer call() {
        JobExecution execution = root.session().bean(JobRunner.class).stop(executionId);
        spec.commandLine().getOut().printf("execution %d: %s%n", executionId, execution.getStatus());
        return ExitCodes.OK;
    }
}
