package com.penguinmails.crmsync.job.engagementsync;

import com.penguinmails.crmsync.CrmSyncApplication;
import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.credentials.Credential;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.job.support.JobRunner;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.pipedrive.PipedriveSandbox;
import com.penguinmails.crmsync.sandbox.salesforce.SalesforceSandbox;
import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
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
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark of the {@code engagement-sync} job (not a test: it prints numbers and asserts nothing about time). For each
 * CRM in {@code benchmark.crms} (default all three, one at a time), it starts that CRM's sandbox with the PRO plan's
 * limits, seeded with {@code benchmark.crm-contacts} people (default 10,000), links them with an inbound contact-sync
 * (not measured, no latency), inserts about {@code benchmark.events} engagement events (default 100,000: three
 * e-mails per contact, sent, opened, some clicked, replied, bounced or unsubscribed), sets the sandbox latency to
 * {@code benchmark.latency-ms} (default 150) and measures:
 * <ol>
 *   <li>the run that logs all of them (every e-mail new to the CRM);</li>
 *   <li>a scheduled run after 1% more events (opens and clicks of e-mails already logged: updates).</li>
 * </ol>
 * It prints wall time, e-mails and events, API calls (total, per 1,000 events, per route) against the floor the
 * vendor APIs allow, 429s and peak heap.
 * <pre>./mvnw -B -Pbenchmark verify -Dbenchmark=engagement-sync -Dbenchmark.crms=hubspot,salesforce,pipedrive</pre>
 */
public final class EngagementSyncBenchmark {

    private EngagementSyncBenchmark() {
    }

    private record Run(String crm, String label, long emails, long events, long followUps, String status,
                       double seconds, long calls, Map<String, Long> routes, long rateLimited, long floor,
                       long peakHeap, long peakLiveHeap) {
    }

    public static void main(String[] args) throws Exception {
        int contacts = Integer.parseInt(blankTo(System.getProperty("benchmark.crm-contacts"), "10000"));
        int events = Integer.parseInt(blankTo(System.getProperty("benchmark.events"), "100000"));
        int latencyMs = Integer.parseInt(blankTo(System.getProperty("benchmark.latency-ms"), "150"));
        int concurrency = Integer.parseInt(blankTo(System.getProperty("benchmark.concurrency"), "4"));
        List<String> crms = Arrays.stream(blankTo(System.getProperty("benchmark.crms"), "hubspot,salesforce,pipedrive")
                .split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();

        TestDatabase.Database db = TestDatabase.create("engagement_sync_benchmark");
        Map<String, Object> properties = new HashMap<>(db.springProperties());
        properties.put("crmsync.credentials.keyset-file",
                Files.createTempDirectory("engagement-sync-benchmark").resolve("keyset.json").toString());
        properties.put("crmsync.credentials.generate-missing", "true");
        SandboxOptions options = SandboxOptions.defaults().withSeedContacts(contacts).withPlan(SandboxOptions.Plan.PRO);
        List<Run> runs = new ArrayList<>();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CrmSyncApplication.class)
                .web(WebApplicationType.NONE).properties(properties).run()) {
            EngagementSyncProperties job = context.getBean(EngagementSyncProperties.class);
            System.out.printf("%nengagement-sync benchmark: %,d contacts per CRM, about %,d events, latency %d ms, "
                            + "chunk %d, page %d, max heap %,d MiB%n", contacts, events, latencyMs, job.chunkSize(),
                    job.pageSize(), Runtime.getRuntime().maxMemory() >> 20);
            for (String crm : crms) {
                runs.addAll(benchmark(context, crm, options, events, latencyMs, concurrency));
            }
        }
        print(runs, contacts, latencyMs);
        System.exit(0);
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static List<Run> benchmark(ConfigurableApplicationContext context, String crm, SandboxOptions options,
                                       int events, int latencyMs, int concurrency) throws Exception {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        String tenant = "bench-" + crm;
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES (:id, :id)").param("id", tenant).update();
        ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
        System.out.printf("%n== %s: starting the sandbox (%,d seed contacts) and linking them%n", crm,
                options.seedContacts());
        AutoCloseable handle;
        SandboxHttpServer server;
        switch (crm) {
            case "hubspot" -> {
                HubSpotSandbox hubspot = HubSpotSandbox.start(options);
                registry.connect(tenant, HubSpotConnectorProvider.KIND, "bench-hub", Map.of("baseUrl",
                        hubspot.info().get("baseUrl").toString(), "searchIndexLag", "PT0S"),
                        new Credential.ApiToken(hubspot.info().get("privateAppToken").toString()));
                handle = hubspot;
                server = hubspot.server();
            }
            case "salesforce" -> {
                SalesforceSandbox salesforce = SalesforceSandbox.start(options);
                Map<String, Object> sf = salesforce.info();
                registry.connect(tenant, SalesforceConnectorProvider.KIND, sf.get("organizationId").toString(),
                        Map.of("baseUrl", sf.get("instanceUrl").toString()),
                        new Credential.OAuth("", sf.get("refreshToken").toString(), null, null,
                                sf.get("clientId").toString(), sf.get("clientSecret").toString(), null));
                handle = salesforce;
                server = salesforce.server();
            }
            case "pipedrive" -> {
                PipedriveSandbox pipedrive = PipedriveSandbox.start(options);
                Map<String, Object> pd = pipedrive.info();
                registry.connect(tenant, PipedriveConnectorProvider.KIND, "bench-pd", Map.of("baseUrl",
                        pd.get("apiDomain").toString()), new Credential.ApiToken(pd.get("apiToken").toString()));
                handle = pipedrive;
                server = pipedrive.server();
            }
            default -> throw new IllegalArgumentException("unknown CRM " + crm + " (hubspot, salesforce, pipedrive)");
        }
        try (AutoCloseable ignored = handle) {
            JobRunner runner = context.getBean(JobRunner.class);
            JobExecution linked = runner.run(ContactSyncJobConfiguration.JOB_NAME, new RunParameters(List.of(tenant),
                    List.of(), Shard.ALL, concurrency, Instant.now(), "inbound"));
            System.out.printf("   contact-sync linked the CRM's people: %s%n", linked.getStatus());
            long linkedContacts = jdbc.sql("SELECT count(DISTINCT pm_id) FROM crm_sync.record_links l "
                    + "JOIN penguinmails.contacts c ON c.id = l.pm_id WHERE c.tenant_id = :t")
                    .param("t", tenant).query(Long.class).single();
            long inserted = insertEvents(jdbc, tenant, events, linkedContacts);
            System.out.printf("   %,d events inserted for %,d linked contacts%n", inserted, linkedContacts);
            server.faults(FaultPlan.of(Duration.ofMillis(latencyMs), 0));

            List<Run> runs = new ArrayList<>();
            runs.add(run(context, server, crm, tenant, concurrency, "all new"));
            long sentEmails = jdbc.sql("SELECT count(*) FROM penguinmails.engagement_events WHERE tenant_id = :t "
                    + "AND event_type = 'sent'").param("t", tenant).query(Long.class).single();
            long more = jdbc.sql("""
                            INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, campaign_id, message_id,
                                                                        event_type, occurred_at, url)
                            SELECT tenant_id, contact_id, campaign_id, message_id,
                                   CASE WHEN id % 3 = 0 THEN 'click' ELSE 'open' END, now(),
                                   CASE WHEN id % 3 = 0 THEN 'https://penguinmails.test/more' END
                            FROM penguinmails.engagement_events
                            WHERE tenant_id = :t AND event_type = 'sent' AND id % :every = 0""")
                    .param("t", tenant).param("every", Math.max(1, Math.round(sentEmails / (inserted / 100.0))))
                    .update();
            System.out.printf("   %,d more events (1%%), on e-mails already logged%n", more);
            runs.add(run(context, server, crm, tenant, concurrency, "1% more (updates)"));
            return runs;
        }
    }

    /**
     * Three e-mails per linked contact (one per campaign), each sent; opened 0-2 times, clicked (0-1, two links),
     * replied to (1 in 20), bounced (1 in 50), unsubscribed (1 in 100), scaled to about {@code target} events.
     */
    private static long insertEvents(JdbcClient jdbc, String tenant, int target, long contacts) {
        List<Long> campaigns = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            campaigns.add(jdbc.sql("INSERT INTO penguinmails.campaigns (tenant_id, name, subject, sent_at) "
                    + "VALUES (:t, :n, :s, now() - interval '3 days') RETURNING id").param("t", tenant)
                    .param("n", "Campaign " + i).param("s", "Benchmark news #" + i).query(Long.class).single());
        }
        int emailsPerContact = (int) Math.max(1, Math.round(target / 3.3 / Math.max(1, contacts)));
        return jdbc.sql("""
                        INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, campaign_id, message_id,
                                                                    event_type, occurred_at, url, detail)
                        SELECT :t, c.id, (CAST(:campaigns AS bigint[]))[1 + (n - 1) % 3], 'b-' || c.id || '-' || n,
                               e.type, now() - interval '2 days' + e.after,
                               CASE WHEN e.type = 'click' THEN 'https://penguinmails.test/' || (c.id % 2) END,
                               CASE WHEN e.type = 'bounce' THEN '{"reason": "mailbox unavailable"}'::jsonb
                                    ELSE '{}'::jsonb END
                        FROM penguinmails.contacts c
                        CROSS JOIN generate_series(1, :emails) AS n
                        CROSS JOIN LATERAL (VALUES
                            ('sent', interval '0', true),
                            ('open', interval '1 hour', (c.id + n) % 3 > 0),
                            ('open', interval '5 hours', (c.id + n) % 3 = 2),
                            ('click', interval '6 hours', (c.id * n) % 2 = 0),
                            ('reply', interval '9 hours', (c.id + n) % 20 = 0),
                            ('bounce', interval '1 minute', (c.id * 7 + n) % 50 = 1),
                            ('unsubscribe', interval '10 hours', (c.id + 3 * n) % 100 = 7)) AS e(type, after, happens)
                        WHERE c.tenant_id = :t AND e.happens
                          AND EXISTS (SELECT 1 FROM crm_sync.record_links l WHERE l.pm_id = c.id)
                        ORDER BY e.after, c.id, n""")
                .param("t", tenant).param("campaigns", campaigns.toArray(Long[]::new))
                .param("emails", emailsPerContact).update();
    }

    private static Run run(ConfigurableApplicationContext context, SandboxHttpServer server, String crm, String tenant,
                           int concurrency, String label) throws Exception {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        long fromEvent = jdbc.sql("SELECT coalesce(max(position::bigint), 0) FROM crm_sync.watermarks w "
                        + "WHERE w.tenant_id = :t AND w.stream = 'engagement-sync.events'")
                .param("t", tenant).query(Long.class).single();
        long events = jdbc.sql("SELECT count(*) FROM penguinmails.engagement_events WHERE tenant_id = :t AND id > :f")
                .param("t", tenant).param("f", fromEvent).query(Long.class).single();
        long emails = jdbc.sql("SELECT count(DISTINCT message_id) FROM penguinmails.engagement_events "
                + "WHERE tenant_id = :t AND id > :f").param("t", tenant).param("f", fromEvent).query(Long.class).single();
        long withCompany = jdbc.sql("""
                        SELECT count(DISTINCT e.message_id) FROM penguinmails.engagement_events e
                        JOIN penguinmails.contacts c ON c.id = e.contact_id
                        JOIN crm_sync.record_links l ON l.pm_entity = 'company' AND l.pm_id = c.company_id
                        WHERE e.tenant_id = :t AND e.id > :f""")
                .param("t", tenant).param("f", fromEvent).query(Long.class).single();
        long newFollowUps = jdbc.sql("SELECT count(DISTINCT message_id) FROM penguinmails.engagement_events "
                        + "WHERE tenant_id = :t AND id > :f AND event_type = 'reply'")
                .param("t", tenant).param("f", fromEvent).query(Long.class).single();
        Map<String, Long> before = perRoute(server);
        long callsBefore = server.stats().totalRequests();
        long limitedBefore = server.stats().rateLimitedCount();
        System.gc();
        HeapSampler sampler = HeapSampler.start();
        long start = System.nanoTime();
        JobExecution execution = context.getBean(JobRunner.class).run(EngagementSyncJobConfiguration.JOB_NAME,
                new RunParameters(List.of(tenant), List.of(), Shard.ALL, concurrency, Instant.now()));
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.stop();
        Map<String, Long> routes = new TreeMap<>();
        perRoute(server).forEach((route, n) -> {
            long delta = n - before.getOrDefault(route, 0L);
            if (delta != 0) {
                routes.put(route, delta);
            }
        });
        String status = execution.getStatus().toString();
        if (!execution.getAllFailureExceptions().isEmpty()) {
            status += " " + execution.getAllFailureExceptions();
        }
        boolean updates = label.startsWith("1%");
        Run run = new Run(crm, label, emails, events, updates ? 0 : newFollowUps, status, seconds,
                server.stats().totalRequests() - callsBefore, routes,
                server.stats().rateLimitedCount() - limitedBefore,
                floor(crm, emails, updates ? 0 : newFollowUps, withCompany, updates), sampler.peakUsed(),
                sampler.peakAfterGc());
        System.out.printf("   %-20s %s in %.1f s, %,d calls, %,d x 429%n", label, status, seconds, run.calls(),
                run.rateLimited());
        routes.forEach((route, n) -> System.out.printf("      %,7d  %s%n", n, route));
        return run;
    }

    private static Map<String, Long> perRoute(SandboxHttpServer server) {
        Map<String, Long> routes = new TreeMap<>();
        server.stats().snapshot().forEach((route, statuses) -> routes.put(route,
                statuses.values().stream().mapToLong(Long::longValue).sum()));
        return routes;
    }

    /**
     * The fewest calls the vendor APIs allow to log {@code emails} e-mails (one activity each) and {@code followUps}
     * follow-up tasks: HubSpot a batch upsert per 100 of each kind and a batch association per 100 per kind of target
     * (the contact, and the company for the {@code withCompany} e-mails whose person has one; upserts take no inline
     * associations), or a batch update per 100 (updates); Salesforce 200 Tasks per SOAP call, or, above 2,000, one Bulk API 2.0 ingest job (create,
     * upload, close, poll, results: 5 calls) plus the owners of the follow-ups (a query per 200); Pipedrive one call
     * per activity (no batch writes).
     */
    static long floor(String crm, long emails, long followUps, long withCompany, boolean updates) {
        return switch (crm) {
            case "hubspot" -> updates ? ceil(emails, 100) : 2 * (ceil(emails, 100) + ceil(followUps, 100))
                    + ceil(withCompany, 100) + ceil(Math.min(followUps, withCompany), 100);
            case "salesforce" -> emails + followUps > 2000 ? 5 + ceil(followUps, 200) : ceil(emails + followUps, 200);
            default -> emails + followUps;
        };
    }

    private static long ceil(long n, long per) {
        return (n + per - 1) / per;
    }

    private static void print(List<Run> runs, int contacts, int latencyMs) {
        System.out.println();
        System.out.printf("engagement-sync benchmark: %,d contacts per CRM, %d ms latency, PRO plan limits%n",
                contacts, latencyMs);
        String line = "-".repeat(132);
        System.out.println(line);
        System.out.printf("%-11s %-18s %8s %8s %8s %8s %9s %9s %9s %7s %9s %5s %s%n", "CRM", "run", "events", "e-mails",
                "wall s", "ev/s", "API calls", "calls/1k", "floor", "fl/1k", "follow-up", "429s", "peak/live MiB");
        System.out.println(line);
        for (Run r : runs) {
            System.out.printf("%-11s %-18s %,8d %,8d %8.1f %8.0f %,9d %9.1f %,9d %7.1f %,9d %,5d %,d / %,d%n",
                    r.crm(), r.label(), r.events(), r.emails(), r.seconds(), r.events() / r.seconds(), r.calls(),
                    r.calls() * 1000.0 / Math.max(1, r.events()), r.floor(), r.floor() * 1000.0 / Math.max(1,
                            r.events()), r.followUps(), r.rateLimited(), r.peakHeap() >> 20, r.peakLiveHeap() >> 20);
        }
        System.out.println(line);
        for (Run r : runs) {
            if (!r.status().equals("COMPLETED")) {
                System.out.printf("%-11s %s: %s%n", r.crm(), r.label(), r.status());
            }
        }
    }
}
