package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.demo.DemoDataSeeder;
import com.penguinmails.crmsync.demo.DemoPlan;
import com.penguinmails.crmsync.demo.DemoSummary;
import com.penguinmails.crmsync.job.leadscore.LeadScoreJobConfiguration;
import com.penguinmails.crmsync.job.support.JobRunner;
import com.penguinmails.crmsync.job.support.RunParameters;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code demo}: seeds demo tenants and runs the jobs on them. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Seeds demo tenants (" + "acme-robotics, globex, initech) with deterministic contacts, companies,",
                "lists, campaigns and engagement events, unless they exist already; runs lead-score on them; and",
                "prints a summary per tenant. Works on the embedded default with nothing else installed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the demo run completed", "1:the run failed", "2:bad usage or no database"})
class DemoCommand implements Callable<Integer> {

    @ParentCommand
    private CrmSyncCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--contacts", paramLabel = "N", defaultValue = "500",
            description = "Contacts per demo tenant. Default: ${DEFAULT-VALUE}.")
    private int contacts;

    @Option(names = "--campaigns", paramLabel = "C", defaultValue = "8",
            description = "Campaigns per demo tenant (each e-mails every contact). Default: ${DEFAULT-VALUE}.")
    private int campaigns;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the generated data. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Override
    public Integer call() {
        if (contacts < 1 || campaigns < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--contacts and --campaigns must be at least 1");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DemoPlan plan = new DemoPlan(DemoPlan.DEFAULT_TENANTS, contacts, campaigns, seed,
                now.truncatedTo(ChronoUnit.DAYS));
        root.session().recordTask("crm-sync demo");
        PrintWriter out = spec.commandLine().getOut();
        List<String> seeded = root.session().bean(DemoDataSeeder.class).seed(plan);
        out.println(seeded.isEmpty() ? "demo tenants exist already; not seeding again"
                : "seeded demo tenants " + String.join(", ", seeded));
        JobRunner runner = root.session().bean(JobRunner.class);
        RunParameters parameters = new RunParameters(plan.tenants(), Shard.ALL, 4, now);
        JobExecution execution = RunReporting.watch(root, spec,
                () -> runner.run(LeadScoreJobConfiguration.JOB_NAME, parameters));
        out.println();
        Table table = new Table("TENANT", "CONTACTS", "EVENTS", "SCORED", "AVG SCORE", "TOP", "MARKED FOR SYNC");
        for (DemoSummary.TenantLine line : root.session().bean(DemoSummary.class).lines(plan.tenants())) {
            table.row(line.tenant(), line.contacts(), line.events(), line.scored(),
                    String.format("%.1f", line.averageScore()), line.topScore(), line.markedForSync());
        }
        table.print(out);
        return RunReporting.exitCode(execution);
    }
}
