package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.job.support.JobRunner;
import com.penguinmails.crmsync.job.support.RunParameters;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backfill}: contact-sync of one connection from the beginning, ignoring watermarks. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Runs contact-sync for one connection as if it had never synced: inbound reads the CRM's",
                "whole change feed, outbound reconsiders every changed PenguinMails contact. Idempotent: what is in",
                "step already is left alone. Watermarks move on as after a regular run."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the backfill completed", "1:it failed (see 'show <id>', then 'restart <id>')",
                "2:bad usage or input, a run of contact-sync is going, or no database"})
class BackfillCommand implements Callable<Integer> {

    /** The directions a backfill covers. */
    enum Direction { INBOUND, OUTBOUND, BOTH }

    @ParentCommand
    private CrmSyncCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--connection", required = true, paramLabel = "ID", description = "The connection to backfill.")
    private long connection;

    @Option(names = "--direction", paramLabel = "DIR", defaultValue = "both",
            description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    private Direction direction;

    @Override
    public Integer call() {
        root.session().recordTask("crm-sync backfill");
        JobRunner runner = root.session().bean(JobRunner.class);
        var registry = root.session().bean(com.penguinmails.crmsync.credentials.ConnectionRegistry.class);
        registry.existing(connection); // an unknown connection is bad input, named
        RunParameters parameters = new RunParameters(List.of(), List.of(connection), Shard.ALL, 1,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), direction.name().toLowerCase(Locale.ROOT), false);
        var execution = RunReporting.watch(root, spec,
                () -> runner.run(ContactSyncJobConfiguration.JOB_NAME, parameters));
        return RunReporting.exitCode(execution);
    }
}
