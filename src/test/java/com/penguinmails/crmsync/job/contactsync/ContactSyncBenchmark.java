package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.CrmSyncApplication;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.credentials.Credential;
import com.penguinmails.crmsync.job.support.JobRunner;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.pipedrive.PipedriveSandbox;
import com.penguinmails.crmsync.sandbox.salesforce.SalesforceSandbox;
import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.sandbox.support.SandboxStats;
import com.penguinmails.crmsync.store.ContactChangeStore;
import com.penguinmails.crmsync.testing.HeapSampler;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark of the {@code contact-sync} job (not a test: it prints numbers and asserts nothing about time). For each
 * CRM in turn, one at a time so the numbers don't mix, it starts that CRM's sandbox seeded with
 * {@code benchmark.crm-contacts} contacts (default 10,000; Salesforce adds a quarter as many Leads), with
 * {@code benchmark.latency-ms} of latency on every request (default 50) and the PRO plan's rate limits, connects a
 * tenant to it and:
 * <ol>
 *   <li>runs the job once: the inbound first sync brings every CRM person into PenguinMails;</li>
 *   <li>changes the lead score of every contact of the tenant in one UPDATE, marks them changed, and runs the job
 *       again: its outbound step pushes the scores (its inbound pass finds nothing new).</li>
 * </ol>
 * It prints wall time, API calls (total, per 1,000 records, per route) against the floor the vendor APIs allow,
 * 429s and peak heap.
 * <pre>./mvnw -B -Pbenchmark verify -Dbenchmark=contact-sync -Dbenchmark.crms=hubspot,salesforce,pipedrive</pre>
 */
public final class ContactSyncBenchmark {

    private ContactSyncBenchmark() {
    }

    /** A running sandbox, seen the same way whatever the vendor. */
    private record Sandbox(AutoCloseable handle, Supplier<SandboxStats> stats) {
    }

    /** One job run: its outcome, wall time, calls per route and 429s, heap. */
    private record Run(String status, double seconds, long calls, Map<String, Long> routes, long rateLimited,
                       long peakHeap, long peakLiveHeap) {
    }

    /** What one CRM gave. */
    private record Result(String crm, int seeded, long inboundRecords, Run inbound, long outboundRecords,
                          Run outbound, long inboundFloor, long outboundFloor, String floorNote) {
    }

    public static void main(String[] args) throws Exception {
        int contacts = Integer.parseInt(System.getProperty("benchmark.crm-contacts", "10000"));
        int latencyMs = Integer.parseInt(System.getProperty("benchmark.latency-ms", "50"));
        int concurrency = Integer.parseInt(System.getProperty("benchmark.concurrency", "4"));
        int chunkSize = Integer.parseInt(System.getProperty("benchmark.chunk-size", "200"));
        String pageSize = System.getProperty("benchmark.page-size", "");
        List<String> crms = Arrays.stream(System.getProperty("benchmark.crms", "hubspot,salesforce,pipedrive")
                .split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();

        TestDatabase.Database db = TestDatabase.create("contact_sync_benchmark");
        Map<String, Object> properties = new HashMap<>(db.springProperties());
        properties.put("crmsync.credentials.keyset-file",
                Files.createTempDirectory("contact-sync-benchmark").resolve("keyset.json").toString());
        properties.put("crmsync.credentials.generate-missing", "true");
        properties.put("crmsync.contact-sync.chunk-size", Integer.toString(chunkSize));
        if (!pageSize.isBlank()) {
            properties.put("crmsync.contact-sync.page-size", pageSize);
        }
        SandboxOptions options = SandboxOptions.defaults().withSeedContacts(contacts)
                .withFaults(FaultPlan.of(Duration.ofMillis(latencyMs), 0)).withPlan(SandboxOptions.Plan.PRO);

        List<Result> results = new ArrayList<>();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CrmSyncApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .run()) {
            ContactSyncProperties jobProperties = context.getBean(ContactSyncProperties.class);
            System.out.printf("%ncontact-sync benchmark: %,d contacts per CRM, latency %d ms, chunk %d, page %d, "
                    + "concurrency %d, max heap %,d MiB%n", contacts, latencyMs, jobProperties.chunkSize(),
                    jobProperties.pageSize(), concurrency, Runtime.getRuntime().maxMemory() >> 20);
            for (String crm : crms) {
                System.out.printf("%n== %s: starting the sandbox (%,d seed contacts)%n", crm, contacts);
                results.add(benchmark(context, crm, options, concurrency));
            }
        }
        print(results, contacts, latencyMs);
        System.exit(0);
    }

    private static Result benchmark(ConfigurableApplicationContext context, String crm, SandboxOptions options,
                                    int concurrency) throws Exception {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
        String tenant = "bench-" + crm;
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES (:id, :name)")
                .param("id", tenant).param("name", "Benchmark " + crm).update();
        Sandbox sandbox = switch (crm) {
            case "hubspot" -> {
                HubSpotSandbox hubspot = HubSpotSandbox.start(options);
                registry.connect(tenant, CrmKind.HUBSPOT, "bench-hub",
                        Map.of("baseUrl", hubspot.info().get("baseUrl").toString(), "searchIndexLag", "PT0S"),
                        new Credential.ApiToken(hubspot.info().get("privateAppToken").toString()));
                yield new Sandbox(hubspot, () -> hubspot.server().stats());
            }
            case "salesforce" -> {
                SalesforceSandbox salesforce = SalesforceSandbox.start(options);
                Map<String, Object> sf = salesforce.info();
                registry.connect(tenant, CrmKind.SALESFORCE, sf.get("organizationId").toString(),
                        Map.of("baseUrl", sf.get("instanceUrl").toString()),
                        new Credential.OAuth("", sf.get("refreshToken").toString(), null, null,
                                sf.get("clientId").toString(), sf.get("clientSecret").toString(), null));
                yield new Sandbox(salesforce, () -> salesforce.server().stats());
            }
            case "pipedrive" -> {
                PipedriveSandbox pipedrive = PipedriveSandbox.start(options);
                Map<String, Object> pd = pipedrive.info();
                registry.connect(tenant, CrmKind.PIPEDRIVE, "bench-pd",
                        Map.of("baseUrl", pd.get("apiDomain").toString()),
                        new Credential.ApiToken(pd.get("apiToken").toString()));
                yield new Sandbox(pipedrive, () -> pipedrive.server().stats());
            }
            default -> throw new IllegalArgumentException("unknown CRM " + crm + " (hubspot, salesforce, pipedrive)");
        };
        try (AutoCloseable ignored = sandbox.handle()) {
            // inbound: the first sync
            Run inbound = run(context, sandbox, tenant, concurrency, crm + " inbound first sync");
            long inboundRecords = jdbc.sql("SELECT count(*) FROM penguinmails.contacts WHERE tenant_id = :t")
                    .param("t", tenant).query(Long.class).single();

            // outbound: every contact gets a new score (0..100, never the old one) and is marked changed
            List<Long> ids = jdbc.sql("SELECT id FROM penguinmails.contacts WHERE tenant_id = :t ORDER BY id")
                    .param("t", tenant).query(Long.class).list();
            jdbc.sql("UPDATE penguinmails.contacts SET lead_score = (lead_score + 37) % 101 WHERE tenant_id = :t")
                    .param("t", tenant).update();
            context.getBean(ContactChangeStore.class).markChanged(tenant, ids, "lead_score");
            Run outbound = run(context, sandbox, tenant, concurrency, crm + " outbound push");

            return floors(crm, options.seedContacts(), inboundRecords, inbound, ids.size(), outbound);
        }
    }

    private static Run run(ConfigurableApplicationContext context, Sandbox sandbox, String tenant, int concurrency,
                           String label) throws Exception {
        SandboxStats stats = sandbox.stats().get();
        Map<String, Long> routesBefore = perRoute(stats.snapshot());
        long callsBefore = stats.totalRequests();
        long limitedBefore = stats.rateLimitedCount();
        System.gc();
        HeapSampler sampler = HeapSampler.start();
        long start = System.nanoTime();
        JobExecution execution = context.getBean(JobRunner.class).run(ContactSyncJobConfiguration.JOB_NAME,
                new RunParameters(List.of(tenant), Shard.ALL, concurrency, Instant.now()));
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.stop();
        Map<String, Long> routes = new TreeMap<>();
        perRoute(stats.snapshot()).forEach((route, n) -> {
            long delta = n - routesBefore.getOrDefault(route, 0L);
            if (delta != 0) {
                routes.put(route, delta);
            }
        });
        String status = execution.getStatus().toString();
        if (!execution.getAllFailureExceptions().isEmpty()) {
            status += " " + execution.getAllFailureExceptions();
        }
        Run run = new Run(status, seconds, stats.totalRequests() - callsBefore, routes,
                stats.rateLimitedCount() - limitedBefore, sampler.peakUsed(), sampler.peakAfterGc());
        System.out.printf("   %-34s %s in %.1f s, %,d calls, %,d x 429%n", label, run.status(), run.seconds(),
                run.calls(), run.rateLimited());
        run.routes().forEach((route, n) -> System.out.printf("      %,7d  %s%n", n, route));
        return run;
    }

    private static Map<String, Long> perRoute(Map<String, Map<String, Long>> snapshot) {
        Map<String, Long> routes = new TreeMap<>();
        snapshot.forEach((route, statuses) -> routes.put(route,
                statuses.values().stream().mapToLong(Long::longValue).sum()));
        return routes;
    }

    /**
     * The fewest calls the vendor APIs allow for the records moved: HubSpot 200 per search page, 100 per batch write;
     * Salesforce 2,000 per query page (per object: Contact and Lead are read separately), 200 per SOAP write and, above
     * 2,000 records, one Bulk API 2.0 job (create, upload, close, one poll, results: 5 calls) per object; Pipedrive 500
     * per list page, one call per write.
     */
    private static Result floors(String crm, int seeded, long inboundRecords, Run inbound, long outboundRecords,
                                 Run outbound) {
        return switch (crm) {
            case "hubspot" -> new Result(crm, seeded, inboundRecords, inbound, outboundRecords, outbound,
                    ceil(inboundRecords, 200), ceil(outboundRecords, 100), "search 200/page, batch 100/call");
            case "salesforce" -> {
                long leads = seeded / 4;
                long people = inboundRecords - leads;
                long inboundFloor = ceil(people, 2000) + ceil(leads, 2000);
                long outboundFloor = sfWrites(people) + sfWrites(leads);
                yield new Result(crm, seeded, inboundRecords, inbound, outboundRecords, outbound, inboundFloor,
                        outboundFloor, "query 2000/page per object; Bulk 2.0 (5 calls/job) > 2000, else SOAP 200/call");
            }
            default -> new Result(crm, seeded, inboundRecords, inbound, outboundRecords, outbound,
                    ceil(inboundRecords, 500), outboundRecords, "list 500/page, 1 write/call");
        };
    }

    private static long sfWrites(long records) {
        return records > 2000 ? 5 : ceil(records, 200);
    }

    private static long ceil(long records, long perCall) {
        return (records + perCall - 1) / perCall;
    }

    private static double per1000(long calls, long records) {
        return records == 0 ? 0 : calls * 1000.0 / records;
    }

    private static void print(List<Result> results, int contacts, int latencyMs) {
        System.out.println();
        System.out.printf("contact-sync benchmark: %,d seeded contacts per CRM, %d ms latency, PRO plan limits%n",
                contacts, latencyMs);
        String line = "-".repeat(132);
        System.out.println(line);
        System.out.printf("%-11s %-9s %8s %9s %8s %9s %10s %6s %11s %11s %s%n", "CRM", "direction", "records",
                "wall s", "rec/s", "API calls", "calls/1k", "floor", "floor/1k", "429s", "peak heap / live MiB");
        System.out.println(line);
        for (Result r : results) {
            row(r.crm(), "inbound", r.inboundRecords(), r.inbound(), r.inboundFloor());
            row("", "outbound", r.outboundRecords(), r.outbound(), r.outboundFloor());
        }
        System.out.println(line);
        for (Result r : results) {
            System.out.printf("%-11s floor: %s; outbound run also reads the change feed (inbound pass)%n", r.crm(),
                    r.floorNote());
            if (!r.inbound().status().equals("COMPLETED") || !r.outbound().status().equals("COMPLETED")) {
                System.out.printf("%-11s inbound %s; outbound %s%n", "", r.inbound().status(), r.outbound().status());
            }
        }
    }

    private static void row(String crm, String direction, long records, Run run, long floor) {
        System.out.printf("%-11s %-9s %,8d %9.1f %8.0f %,9d %10.1f %,6d %11.1f %,11d %,9d / %,d%n", crm, direction,
                records, run.seconds(), records / run.seconds(), run.calls(), per1000(run.calls(), records), floor,
                per1000(floor, records), run.rateLimited(), run.peakHeap() >> 20, run.peakLiveHeap() >> 20);
    }
}
