package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.CrmSyncApplication;
import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.WriteResult;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.credentials.Credential;
import com.penguinmails.crmsync.job.support.JobRunner;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.mapping.ConnectionFieldMaps;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.pipedrive.PipedriveSandbox;
import com.penguinmails.crmsync.sandbox.salesforce.SalesforceSandbox;
import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.sandbox.support.SandboxStats;
import com.penguinmails.crmsync.store.ConnectionStore;
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
 * Benchmark of the {@code contact-sync} job (not a test: it prints numbers and asserts nothing about time). Two
 * scenarios, chosen with {@code benchmark.scenario}:
 * <dl>
 *   <dt>{@code sync} (the default)</dt>
 *   <dd>For each CRM in {@code benchmark.crms}, one at a time so the numbers don't mix, it starts that CRM's sandbox
 *       seeded with {@code benchmark.crm-contacts} people (default 10,000; Salesforce adds a quarter as many Leads),
 *       {@code benchmark.latency-ms} on every request (default 150) and the PRO plan's rate limits, and connects a
 *       tenant that holds as many PenguinMails-only contacts, with {@code createContactsInCrm} on. Then:
 *       <ol>
 *         <li>the full bidirectional first sync, one run: inbound brings every CRM person in, outbound creates every
 *             PenguinMails contact in the CRM;</li>
 *         <li>an incremental run with 1% changes on both sides: 1% of the linked CRM records get a new last name
 *             (written through the connector, before the clock starts) and 1% of the contacts a new lead score.</li>
 *       </ol></dd>
 *   <dt>{@code inbound}</dt>
 *   <dd>One CRM (the first of {@code benchmark.crms}, default Salesforce, whose first sync reads through Bulk API 2.0
 *       query jobs) seeded with {@code benchmark.crm-contacts} people (default 1,000,000), read into PenguinMails by
 *       an inbound backfill: rows/s and peak heap. The sandbox shares the JVM, so the heap it holds before the run
 *       (its records) is printed apart; give it room with {@code -Dbenchmark.heap=6g}.</dd>
 * </dl>
 * For each run it prints wall time, records moved, API calls (total, per 1,000 records, per route) against the floor
 * the vendor APIs allow, 429s and peak heap.
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

    /** One measured run of one CRM: records moved each way and the fewest calls the vendor APIs allow for them. */
    private record Result(String crm, String label, long recordsIn, long recordsOut, Run run, long floor,
                          long heapBefore) {
    }

    public static void main(String[] args) throws Exception {
        String scenario = System.getProperty("benchmark.scenario", "sync").trim().toLowerCase(Locale.ROOT);
        if (!scenario.equals("sync") && !scenario.equals("inbound")) {
            throw new IllegalArgumentException("benchmark.scenario must be sync or inbound, was " + scenario);
        }
        boolean inboundOnly = scenario.equals("inbound");
        int contacts = Integer.parseInt(blankTo(System.getProperty("benchmark.crm-contacts"),
                inboundOnly ? "1000000" : "10000"));
        int latencyMs = Integer.parseInt(blankTo(System.getProperty("benchmark.latency-ms"), "150"));
        int concurrency = Integer.parseInt(System.getProperty("benchmark.concurrency", "4"));
        int chunkSize = Integer.parseInt(System.getProperty("benchmark.chunk-size", "200"));
        String pageSize = System.getProperty("benchmark.page-size", "");
        List<String> crms = Arrays.stream(blankTo(System.getProperty("benchmark.crms"),
                inboundOnly ? "salesforce" : "hubspot,salesforce,pipedrive")
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
            System.out.printf("%ncontact-sync benchmark (%s): %,d contacts per CRM, latency %d ms, chunk %d "
                    + "(outbound Salesforce %d), page %d, concurrency %d, max heap %,d MiB%n", scenario, contacts,
                    latencyMs, jobProperties.chunkSize(), jobProperties.outboundChunkSize(
                            context.getBean(CrmProviders.class).describe(SalesforceConnectorProvider.KIND)),
                    jobProperties.pageSize(), concurrency, Runtime.getRuntime().maxMemory() >> 20);
            for (String crm : inboundOnly ? crms.subList(0, 1) : crms) {
                System.out.printf("%n== %s: starting the sandbox (%,d seed contacts)%n", crm, contacts);
                results.addAll(inboundOnly ? inbound(context, crm, options, concurrency)
                        : sync(context, crm, options, concurrency));
            }
        }
        print(results, scenario, contacts, latencyMs);
        System.exit(0);
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Sandbox start(ConnectionRegistry registry, String tenant, String crm, SandboxOptions options,
                                 Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        return switch (crm) {
            case "hubspot" -> {
                HubSpotSandbox hubspot = HubSpotSandbox.start(options);
                all.put("baseUrl", hubspot.info().get("baseUrl").toString());
                all.put("searchIndexLag", "PT0S");
                registry.connect(tenant, HubSpotConnectorProvider.KIND, "bench-hub", all,
                        new Credential.ApiToken(hubspot.info().get("privateAppToken").toString()));
                yield new Sandbox(hubspot, () -> hubspot.server().stats());
            }
            case "salesforce" -> {
                SalesforceSandbox salesforce = SalesforceSandbox.start(options);
                Map<String, Object> sf = salesforce.info();
                all.put("baseUrl", sf.get("instanceUrl").toString());
                registry.connect(tenant, SalesforceConnectorProvider.KIND, sf.get("organizationId").toString(), all,
                        new Credential.OAuth("", sf.get("refreshToken").toString(), null, null,
                                sf.get("clientId").toString(), sf.get("clientSecret").toString(), null));
                yield new Sandbox(salesforce, () -> salesforce.server().stats());
            }
            case "pipedrive" -> {
                PipedriveSandbox pipedrive = PipedriveSandbox.start(options);
                Map<String, Object> pd = pipedrive.info();
                all.put("baseUrl", pd.get("apiDomain").toString());
                registry.connect(tenant, PipedriveConnectorProvider.KIND, "bench-pd", all,
                        new Credential.ApiToken(pd.get("apiToken").toString()));
                yield new Sandbox(pipedrive, () -> pipedrive.server().stats());
            }
            default -> throw new IllegalArgumentException("unknown CRM " + crm + " (hubspot, salesforce, pipedrive)");
        };
    }

    /** The first bidirectional sync, then an incremental run with 1% changes on each side. */
    private static List<Result> sync(ConfigurableApplicationContext context, String crm, SandboxOptions options,
                                     int concurrency) throws Exception {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        String tenant = tenant(jdbc, crm);
        int seeded = options.seedContacts();
        // as many PenguinMails-only contacts as the CRM holds people, marked changed as the platform marks them
        List<Long> pmOnly = jdbc.sql("""
                        INSERT INTO penguinmails.contacts (tenant_id, email, first_name, last_name, lead_score)
                        SELECT :t, 'pm-' || g || '@' || :t || '.example', 'Pm', 'Contact ' || g, g % 101
                        FROM generate_series(1, :n) g RETURNING id""")
                .param("t", tenant).param("n", seeded).query(Long.class).list();
        ContactChangeStore changes = context.getBean(ContactChangeStore.class);
        changes.markChanged(tenant, pmOnly, "platform");
        Sandbox sandbox = start(context.getBean(ConnectionRegistry.class), tenant, crm, options,
                Map.of("createContactsInCrm", "true"));
        try (AutoCloseable ignored = sandbox.handle()) {
            Run first = run(context, sandbox, tenant, concurrency, null, crm + " first sync (both ways)");
            long in = links(jdbc, tenant, false);
            long out = links(jdbc, tenant, true);
            Result firstResult = new Result(crm, "first sync", in, out, first, inboundFloor(crm, in, seeded / 4)
                    + writeFloor(crm, out), 0);

            // 1% of the CRM's linked people edited in the CRM, 1% of the contacts re-scored in PenguinMails
            long crmEdits = editInCrm(context, jdbc, tenant, (int) Math.max(1, in / 100));
            List<Long> rescored = jdbc.sql("""
                            UPDATE penguinmails.contacts SET lead_score = (lead_score + 37) % 101
                            WHERE id IN (SELECT id FROM penguinmails.contacts WHERE tenant_id = :t
                                         ORDER BY id DESC LIMIT :n) RETURNING id""")
                    .param("t", tenant).param("n", Math.max(1, (in + out) / 100)).query(Long.class).list();
            changes.markChanged(tenant, rescored, "lead_score");
            Run incremental = run(context, sandbox, tenant, concurrency, null, crm + " incremental (1% each side)");
            return List.of(firstResult, new Result(crm, "1% incremental", crmEdits, rescored.size(), incremental,
                    incrementalFloor(crm, crmEdits, rescored.size(), in), 0));
        }
    }

    /** An inbound-only first read of the whole CRM into PenguinMails (a backfill, so no outbound partition runs). */
    private static List<Result> inbound(ConfigurableApplicationContext context, String crm, SandboxOptions options,
                                        int concurrency) throws Exception {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        String tenant = tenant(jdbc, crm);
        Sandbox sandbox = start(context.getBean(ConnectionRegistry.class), tenant, crm, options, Map.of());
        try (AutoCloseable ignored = sandbox.handle()) {
            System.gc();
            long heapBefore = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            Run run = run(context, sandbox, tenant, concurrency, "inbound", crm + " inbound first read");
            long in = links(jdbc, tenant, false);
            return List.of(new Result(crm, "inbound only", in, 0, run,
                    inboundFloor(crm, in, crm.equals("salesforce") ? options.seedContacts() / 4 : 0), heapBefore));
        }
    }

    /** Creates the tenant the benchmark of {@code crm} syncs, and returns its id. */
    private static String tenant(JdbcClient jdbc, String crm) {
        String tenant = "bench-" + crm;
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES (:id, :name)")
                .param("id", tenant).param("name", "Benchmark " + crm).update();
        return tenant;
    }

    private static long links(JdbcClient jdbc, String tenant, boolean createdInCrm) {
        return jdbc.sql("""
                        SELECT count(*) FROM crm_sync.record_links l JOIN penguinmails.contacts c ON c.id = l.pm_id
                        WHERE c.tenant_id = :t AND l.deleted_at IS NULL AND l.pm_entity = 'contact'
                          AND (c.email LIKE 'pm-%') = :created""")
                .param("t", tenant).param("created", createdInCrm).query(Long.class).single();
    }

    /** Gives {@code count} linked CRM people a new last name through the connector; returns how many took it. */
    private static long editInCrm(ConfigurableApplicationContext context, JdbcClient jdbc, String tenant, int count) {
        Connection connection = context.getBean(ConnectionStore.class).active(List.of(tenant), List.of()).get(0);
        Map<ObjectType, FieldMap> maps = context.getBean(ConnectionFieldMaps.class).forConnection(connection);
        CrmConnector connector = context.getBean(Connectors.class).open(connection);
        Map<ObjectType, List<CrmRecord>> edits = new TreeMap<>();
        jdbc.sql("""
                        SELECT l.object_type, l.crm_id FROM crm_sync.record_links l
                        JOIN penguinmails.contacts c ON c.id = l.pm_id
                        WHERE c.tenant_id = :t AND c.email NOT LIKE 'pm-%' AND l.deleted_at IS NULL AND l.pm_entity = 'contact'
                        ORDER BY l.crm_id LIMIT :n""")
                .param("t", tenant).param("n", count)
                .query((rs, n) -> {
                    ObjectType type = ObjectType.valueOf(rs.getString(1));
                    // the CRM field names are written through (Pipedrive: name; its last_name is derived)
                    String field = maps.get(type).forPmField("last_name").filter(r -> r.direction().outbound())
                            .or(() -> maps.get(type).forPmField("full_name")).orElseThrow().crmField();
                    return CrmRecord.toWrite(type, rs.getString(2), null, Map.of(field, "Edited " + n));
                }).list()
                .forEach(r -> edits.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(r));
        long ok = 0;
        for (var entry : edits.entrySet()) {
            ok += connector.upsert(entry.getKey(), entry.getValue()).stream().filter(WriteResult::success).count();
        }
        System.out.printf("   %,d of %,d CRM people edited in the CRM%n", ok, count);
        return ok;
    }

    /** @param backfill null for a regular run, else the direction of a backfill of the tenant's connection */
    private static Run run(ConfigurableApplicationContext context, Sandbox sandbox, String tenant, int concurrency,
                           String backfill, String label) throws Exception {
        SandboxStats stats = sandbox.stats().get();
        Map<String, Long> routesBefore = perRoute(stats.snapshot());
        long callsBefore = stats.totalRequests();
        long limitedBefore = stats.rateLimitedCount();
        System.gc();
        HeapSampler sampler = HeapSampler.start();
        long start = System.nanoTime();
        JobExecution execution = context.getBean(JobRunner.class).run(ContactSyncJobConfiguration.JOB_NAME,
                new RunParameters(List.of(tenant), List.of(), Shard.ALL, concurrency, Instant.now(), backfill));
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
        // what did not sync, by reason (dead letters carry no personal data)
        context.getBean(JdbcClient.class).sql("""
                        SELECT left(reason, 160) AS reason, count(*) AS n FROM crm_sync.sync_errors
                        WHERE tenant_id = :t AND status = 'open' GROUP BY 1 ORDER BY 2 DESC LIMIT 5""")
                .param("t", tenant)
                .query((rs, n) -> String.format("      dead letters: %,d x %s", rs.getLong(2), rs.getString(1)))
                .list().forEach(System.out::println);
        return run;
    }

    private static Map<String, Long> perRoute(Map<String, Map<String, Long>> snapshot) {
        Map<String, Long> routes = new TreeMap<>();
        snapshot.forEach((route, statuses) -> routes.put(route,
                statuses.values().stream().mapToLong(Long::longValue).sum()));
        return routes;
    }

    /**
     * The fewest calls the vendor APIs allow to read {@code records} changed people: HubSpot 200 per search page;
     * Salesforce 2,000 per query page, Contacts and Leads read apart ({@code leads} of them Leads); Pipedrive 500
     * per list page.
     */
    private static long inboundFloor(String crm, long records, long leads) {
        return switch (crm) {
            case "hubspot" -> ceil(records, 200);
            case "salesforce" -> ceil(records - leads, 2000) + ceil(leads, 2000);
            default -> ceil(records, 500);
        };
    }

    /**
     * The fewest calls to write {@code records} people: HubSpot 100 per batch; Salesforce one Bulk API 2.0 job
     * (create, upload, close, one poll, results: 5 calls) above 2,000 records, else 200 per SOAP call; Pipedrive one
     * call per record (it has no batch writes).
     */
    private static long writeFloor(String crm, long records) {
        return switch (crm) {
            case "hubspot" -> ceil(records, 100);
            case "salesforce" -> records > 2000 ? 5 : ceil(records, 200);
            default -> records;
        };
    }

    /**
     * An incremental run: a change-feed window per object (HubSpot a search and the archived list; Salesforce per
     * object getDeleted and a query; Pipedrive a list and the deletion probe's list calls, 100 ids each, over at most
     * 5,000 links), then the outbound writes.
     */
    private static long incrementalFloor(String crm, long crmEdits, long pmEdits, long links) {
        long reads = switch (crm) {
            case "hubspot" -> 1 + Math.max(1, ceil(crmEdits, 200));
            case "salesforce" -> 2 * 2 + Math.max(0, ceil(crmEdits, 2000) - 1);
            default -> Math.max(1, ceil(crmEdits, 500)) + ceil(Math.min(links, 5_000), 100);
        };
        return reads + writeFloor(crm, pmEdits);
    }

    private static long ceil(long records, long perCall) {
        return (records + perCall - 1) / perCall;
    }

    private static double per1000(long calls, long records) {
        return records == 0 ? 0 : calls * 1000.0 / records;
    }

    private static void print(List<Result> results, String scenario, int contacts, int latencyMs) {
        System.out.println();
        System.out.printf("contact-sync benchmark (%s): %,d seeded contacts per CRM, %d ms latency, PRO plan limits%n",
                scenario, contacts, latencyMs);
        String line = "-".repeat(140);
        System.out.println(line);
        System.out.printf("%-11s %-15s %8s %8s %9s %8s %9s %10s %6s %9s %6s %s%n", "CRM", "run", "in", "out",
                "wall s", "rec/s", "API calls", "calls/1k", "floor", "floor/1k", "429s", "peak heap / live MiB");
        System.out.println(line);
        for (Result r : results) {
            Run run = r.run();
            long records = r.recordsIn() + r.recordsOut();
            System.out.printf("%-11s %-15s %,8d %,8d %9.1f %8.0f %,9d %10.1f %,6d %9.1f %,6d %,9d / %,d%n", r.crm(),
                    r.label(), r.recordsIn(), r.recordsOut(), run.seconds(), records / run.seconds(), run.calls(),
                    per1000(run.calls(), records), r.floor(), per1000(r.floor(), records), run.rateLimited(),
                    run.peakHeap() >> 20, run.peakLiveHeap() >> 20);
        }
        System.out.println(line);
        System.out.println("in: CRM records read into PenguinMails (1% run: edited in the CRM); out: contacts written "
                + "to the CRM; floor: the fewest calls the vendor APIs allow (see the floor methods)");
        for (Result r : results) {
            if (r.heapBefore() > 0) {
                System.out.printf("%-11s the sandbox and context held %,d MiB before the run: the job's own peak is "
                        + "about %,d MiB%n", r.crm(), r.heapBefore() >> 20,
                        (r.run().peakHeap() - r.heapBefore()) >> 20);
            }
            if (!r.run().status().equals("COMPLETED")) {
                System.out.printf("%-11s %s: %s%n", r.crm(), r.label(), r.run().status());
            }
        }
    }
}
