package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.demo.DemoDataSeeder;
import com.penguinmails.crmsync.demo.DemoPlan;
import com.penguinmails.crmsync.demo.DemoSummary;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.job.engagementsync.EngagementSyncJobConfiguration;
import com.penguinmails.crmsync.job.leadscore.LeadScoreJobConfiguration;
import com.penguinmails.crmsync.job.support.JobRunner;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.sandbox.CrmSandboxes;
import com.penguinmails.crmsync.sandbox.CrmSandbox;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.store.ConnectionStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code demo}: demo tenants, local CRM sandboxes, the jobs run on them, then real time through the service. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Seeds demo tenants (acme-robotics, globex, initech) with deterministic contacts, companies,",
                "lists, campaigns and engagement events unless they exist; starts local Salesforce, HubSpot and",
                "Pipedrive sandboxes and connects the tenants (acme-robotics: HubSpot; globex: Pipedrive; initech:",
                "Salesforce and HubSpot); runs contact-sync both ways (creating every contact in the CRMs that allow it),",
                "lead-score (which pushes the scores), contact-sync again and engagement-sync (their e-mails onto",
                "the CRM timelines); prints a summary per tenant and per connection. Then shows real time: starts",
                "crm-sync serve in the process (a free port, the same database), makes the sandboxes deliver their",
                "changes to it, edits a few linked people in each CRM as a user and inserts a few e-mail events for",
                "linked contacts, waits up to 10 s for each to arrive on the other side with no run, prints per CRM and",
                "direction how many arrived and how many seconds they took (min, median, max; the rest as timed out),",
                "and stops the service. On exit the demo's connections are disabled, since their sandboxes are gone.",
                "Works on the embedded default with nothing else installed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every run completed", "1:a run failed", "2:bad usage or no database"})
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

    @Option(names = "--crm-contacts", paramLabel = "N", defaultValue = "200",
            description = "Contacts seeded in each CRM sandbox. Default: ${DEFAULT-VALUE}.")
    private int crmContacts;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the generated data. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Override
    public Integer call() {
        if (contacts < 1 || campaigns < 1 || crmContacts < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--contacts and --campaigns must be at least 1, --crm-contacts at least 0");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DemoPlan plan = new DemoPlan(DemoPlan.DEFAULT_TENANTS, contacts, campaigns, seed,
                now.truncatedTo(ChronoUnit.DAYS));
        root.session().recordTask("crm-sync demo");
        PrintWriter out = spec.commandLine().getOut();
        List<String> seeded = root.session().bean(DemoDataSeeder.class).seed(plan);
        out.println(seeded.isEmpty() ? "demo tenants exist already; not seeding again"
                : "seeded demo tenants " + String.join(", ", seeded));
        ConnectionRegistry registry = root.session().bean(ConnectionRegistry.class);
        List<Long> connections = new ArrayList<>();
        int exitCode = ExitCodes.OK;
        List<CrmSandbox> own = new ArrayList<>();
        try (CrmSandboxes crms = CrmSandboxes.start(SandboxOptions.defaults().withSeedContacts(crmContacts)
                .withSeed(seed))) {
            connections.addAll(connect(registry, crms, own));
            out.println("started CRM sandboxes and connected " + connections.size() + " connections");
            JobRunner runner = root.session().bean(JobRunner.class);
            RunParameters run = new RunParameters(plan.tenants(), Shard.ALL, 4, now);
            // the first contact-sync creates every contact in the CRMs that allow it; the second reads back its own
            // writes, so engagement-sync has their e-mails to log
            for (String job : List.of(ContactSyncJobConfiguration.JOB_NAME, LeadScoreJobConfiguration.JOB_NAME,
                    ContactSyncJobConfiguration.JOB_NAME, EngagementSyncJobConfiguration.JOB_NAME)) {
                RunParameters parameters = new RunParameters(run.tenants(), run.shard(), run.concurrency(),
                        Instant.now().truncatedTo(ChronoUnit.MILLIS));
                out.println();
                out.println("== " + job);
                JobExecution execution = RunReporting.watch(root, spec, () -> runner.run(job, parameters));
                exitCode = Math.max(exitCode, RunReporting.exitCode(execution));
            }
            printSummary(out, plan, connections);
            out.println();
            out.println("== real time");
            new RealtimeDemo(root.session(), out).run(realtimeConnections(connections, crms, own),
                    hubspotClientSecret(crms));
        } finally {
            own.forEach(CrmSandbox::close);
            for (long id : connections) {
                registry.disable(Actor.system("demo"), id, "demo sandbox stopped when the demo ended");
            }
        }
        return exitCode;
    }

    /**
     * One connection of the demo plan: the tenant, the CRM, whether the tenant gets a sandbox (an account) of its own
     * rather than the shared one, and whether contacts are created in the CRM.
     */
    record PlannedConnection(String tenant, String crm, boolean ownAccount, boolean createContactsInCrm) {
    }

    /**
     * Which tenant connects which CRM. initech's HubSpot is an account of its own: tenants never share a CRM account
     * (what one creates there, the other would import). Pipedrive creates no contacts.
     */
    static final List<PlannedConnection> PLAN = List.of(
            new PlannedConnection("acme-robotics", "hubspot", false, true),
            new PlannedConnection("globex", "pipedrive", false, false),
            new PlannedConnection("initech", "salesforce", false, true),
            new PlannedConnection("initech", "hubspot", true, true));

    private List<Long> connect(ConnectionRegistry registry, CrmSandboxes crms, List<CrmSandbox> own) {
        String run = "demo-" + crms.all().get(0).server().port();
        List<Long> ids = new ArrayList<>();
        for (PlannedConnection planned : PLAN) {
            CrmSandbox sandbox = crms.sandbox(planned.crm());
            if (planned.ownAccount()) {
                sandbox = CrmSandboxes.factory(planned.crm()).start(SandboxOptions.defaults()
                        .withSeedContacts(crmContacts).withSeed(seed + 1 + own.size()));
                own.add(sandbox);
            }
            // as the account the sandbox plays: HubSpot's webhooks and Salesforce's change events name it
            String account = sandbox.tenantConnection().account();
            setAsideEarlierDemo(registry, planned.tenant(), CrmKind.of(planned.crm()), account, run);
            ids.add(SandboxTenants.connect(registry, planned.tenant(), account, sandbox,
                    planned.createContactsInCrm() ? Map.of("createContactsInCrm", "true") : Map.of()));
        }
        return ids;
    }

    /**
     * An earlier demo's connection of the tenant to the account (each demo's sandboxes play the same accounts) is set
     * aside: disabled if a killed demo left it active, and renamed {@code <account> (<earlier run>, connection <id>)},
     * so this demo's connection is the one the CRM's webhooks and change events find by the account.
     */
    private void setAsideEarlierDemo(ConnectionRegistry registry, String tenant, CrmKind crm, String account,
                                     String run) {
        ConnectionStore store = root.session().bean(ConnectionStore.class);
        for (Connection earlier : store.list(tenant)) {
            if (earlier.crm().equals(crm) && account.equals(earlier.accountRef())
                    && earlier.status() != Connection.Status.DISCONNECTED) {
                if (earlier.status() == Connection.Status.ACTIVE) {
                    registry.disable(Actor.system("demo"), earlier.id(), "set aside by " + run);
                }
                store.setAccountRef(earlier.id(), account + " (earlier demo, connection " + earlier.id() + ")");
            }
        }
    }

    /**
     * The demo's connections for the real-time part, in plan order; the shared sandboxes deliver to the service
     * (a tenant's own HubSpot account is another app install, whose webhooks another secret signs: it takes part
     * PenguinMails → CRM only).
     */
    private static List<RealtimeDemo.Connection> realtimeConnections(List<Long> ids, CrmSandboxes crms,
                                                                     List<CrmSandbox> own) {
        List<RealtimeDemo.Connection> connections = new ArrayList<>();
        int owned = 0;
        for (int i = 0; i < PLAN.size() && i < ids.size(); i++) {
            PlannedConnection planned = PLAN.get(i);
            CrmSandbox sandbox = planned.ownAccount() ? own.get(owned++) : crms.sandbox(planned.crm());
            connections.add(new RealtimeDemo.Connection(ids.get(i), planned.tenant(), sandbox,
                    !planned.ownAccount()));
        }
        return connections;
    }

    /** The shared HubSpot sandbox's app client secret, which signs its webhooks (none without one). */
    private static @Nullable String hubspotClientSecret(CrmSandboxes crms) {
        return crms.all().stream().filter(s -> s.crm().equals("hubspot")).findFirst()
                .map(s -> s.info().get("webhooks")).filter(Map.class::isInstance)
                .map(w -> ((Map<?, ?>) w).get("clientSecret")).map(Object::toString).orElse(null);
    }

    private void printSummary(PrintWriter out, DemoPlan plan, List<Long> connections) {
        DemoSummary summary = root.session().bean(DemoSummary.class);
        out.println();
        Table tenants = new Table("TENANT", "CONTACTS", "EVENTS", "SCORED", "AVG SCORE", "TOP", "MARKED FOR SYNC");
        for (DemoSummary.TenantLine line : summary.lines(plan.tenants())) {
            tenants.row(line.tenant(), line.contacts(), line.events(), line.scored(),
                    String.format("%.1f", line.averageScore()), line.topScore(), line.markedForSync());
        }
        tenants.print(out);
        out.println();
        Connectors connectors = root.session().bean(Connectors.class);
        Table crms = new Table("TENANT", "CRM", "CONNECTION", "RECORDS IN", "RECORDS OUT", "CONFLICTS", "ERRORS",
                "ACTIVITIES", "WAITING", "API CALLS");
        for (DemoSummary.ConnectionLine line : summary.connectionLines(connections)) {
            crms.row(line.tenant(), line.crm(), line.connectionId(), line.recordsIn(), line.recordsOut(),
                    line.conflicts(), line.openErrors(), line.activities(), line.waiting(),
                    connectors.callsMade(line.connectionId()));
        }
        crms.print(out);
    }
}
