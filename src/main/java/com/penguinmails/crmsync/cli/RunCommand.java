package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.job.support.ConnectionPartitioner;
import com.penguinmails.crmsync.job.support.DryRunReport;
import com.penguinmails.crmsync.job.support.DueConnections;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.job.support.JobRunner;
import com.penguinmails.crmsync.job.support.RunParameters;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code run <job>}: one new run of a job over the tenants of a shard. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a job now, one partition per tenant of the shard, and waits for it to end.",
                "Jobs: contact-sync (per CRM connection: contacts both ways), engagement-sync (per CRM",
                "connection: e-mail activity onto CRM timelines), lead-score (per tenant, then pushes changed",
                "scores per CRM connection)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run completed", "1:the run failed (see 'show <id>', then 'restart <id>')",
                "2:bad usage or input (a tenant or connection unknown or outside --shard), every selected "
                        + "connection held by a live run of the job, or no database"})
class RunCommand implements Callable<Integer> {

    static final String SHARD_INDEX_ENV = "JOB_COMPLETION_INDEX";
    static final String SHARD_COUNT_ENV = "CRMSYNC_SHARD_COUNT";

    @ParentCommand
    private CrmSyncCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB", description = "The job to run, e.g. lead-score.")
    private String job;

    @Option(names = "--tenant", paramLabel = "ID", description = "Only this tenant (repeatable).")
    private List<String> tenants = new ArrayList<>();

    @Option(names = "--connection", paramLabel = "ID",
            description = "Only this CRM connection (repeatable; jobs that work per connection, e.g. contact-sync).")
    private List<Long> connections = new ArrayList<>();

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Only the tenants of shard I of N (0-based). Default: ${env:" + SHARD_INDEX_ENV + "}/${env:"
                    + SHARD_COUNT_ENV + "} when both are set (Kubernetes Indexed Jobs), else all tenants.")
    private @Nullable String shard;

    @Option(names = "--concurrency", paramLabel = "K", defaultValue = "4",
            description = "Partitions (tenants) run at once. Default: ${DEFAULT-VALUE}.")
    private int concurrency;

    @Option(names = "--as-of", paramLabel = "INSTANT",
            description = "Compute as of this instant (ISO-8601, e.g. 2026-11-01T00:00:00Z). Default: now.")
    private @Nullable String asOf;

    @Option(names = "--dry-run", description = "Read and decide, write nothing to either side, and report what would "
            + "change (jobs that support it: contact-sync).")
    private boolean dryRun;

    @Option(names = "--due", description = {"A scheduled run (the CronJobs): leave out the connections whose sync "
            + "frequency (setting syncFrequency: 15m, 1h, 4h, 1d) says they are not due yet, and name them. "
            + "Without it every selected connection syncs (contact-sync only; engagement-sync and lead-score "
            + "sync every run)."})
    private boolean due;

    @Override
    public Integer call() {
        if (dryRun && !job.equals(ContactSyncJobConfiguration.JOB_NAME)) {
            throw new InvalidRequestException("--dry-run is supported by contact-sync only, not " + job);
        }
        if (due && !job.equals(ContactSyncJobConfiguration.JOB_NAME)) {
            throw new InvalidRequestException("--due is supported by contact-sync only, not " + job + " ("
                    + "engagement-sync and lead-score sync every connection on every run)");
        }
        RunParameters parameters = new RunParameters(tenants, connections, shard(System.getenv()), concurrency(),
                asOf(), null, dryRun, null, due);
        root.session().recordTask("crm-sync run " + job);
        JobRunner runner = root.session().bean(JobRunner.class);
        if (due) {
            printNotDue(parameters);
        }
        JobExecution execution = RunReporting.watch(root, spec, () -> runner.run(job, parameters));
        if (dryRun) {
            printDryRun(execution);
        }
        return RunReporting.exitCode(execution);
    }

    /** The run summary's list of the connections a scheduled run leaves out, and when each is due. */
    private void printNotDue(RunParameters parameters) {
        var selected = new ConnectionPartitioner(root.session().bean(ConnectionStore.class), parameters).selected();
        for (DueConnections.NotDue notDue : root.session().bean(DueConnections.class)
                .notDue(job, selected, parameters.asOf())) {
            spec.commandLine().getOut().printf("connection %d not due (every %s): last synced %s, due at %s%n",
                    notDue.connection().id(), notDue.frequency().value(), notDue.lastSync(), notDue.dueAt());
        }
    }

    private void printDryRun(JobExecution execution) {
        var out = spec.commandLine().getOut();
        var lines = root.session().bean(DryRunReport.class).lines(execution.getId());
        out.println();
        out.println(lines.isEmpty() ? "dry run: nothing would change" : "dry run: nothing was written; it would:");
        Table table = new Table("CONNECTION", "OBJECT", "ACTION", "RECORDS", "SAMPLE");
        lines.forEach(l -> table.row(l.connection(), l.objectType(), l.action(), l.count(), String.join(" ", l.sample())));
        if (!lines.isEmpty()) {
            table.print(out);
        }
    }

    Shard shard(Map<String, String> env) {
        if (shard != null) {
            return parse(shard, "--shard");
        }
        String index = env.get(SHARD_INDEX_ENV);
        String count = env.get(SHARD_COUNT_ENV);
        if (index != null && count != null && tenants.isEmpty() && connections.isEmpty()) {
            return parse(index + "/" + count, SHARD_INDEX_ENV + "/" + SHARD_COUNT_ENV);
        }
        if (index != null && count == null && tenants.isEmpty() && connections.isEmpty()) {
            throw new InvalidRequestException(SHARD_INDEX_ENV + " is set but " + SHARD_COUNT_ENV
                    + " is not: set the shard count, or pass --shard I/N");
        }
        return Shard.ALL;
    }

    private int concurrency() {
        if (concurrency < 1) {
            throw new InvalidRequestException("--concurrency must be at least 1, was " + concurrency);
        }
        return concurrency;
    }

    private Instant asOf() {
        if (asOf == null) {
            return Instant.now().truncatedTo(ChronoUnit.MILLIS);
        }
        try {
            return Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("--as-of '" + asOf + "' is not an ISO-8601 instant such as "
                    + "2026-11-01T00:00:00Z");
        }
    }

    private static Shard parse(String text, String source) {
        try {
            return Shard.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(source + ": " + e.getMessage());
        }
    }
}
