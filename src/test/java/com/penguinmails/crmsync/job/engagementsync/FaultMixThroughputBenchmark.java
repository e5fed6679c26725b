package com.penguinmails.crmsync.job.engagementsync;

import com.penguinmails.crmsync.CrmSyncApplication;
import com.penguinmails.crmsync.core.CrmKind;
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
import com.penguinmails.crmsync.store.ContactChangeStore;
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
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Measures what issue 10's fault mix costs in throughput (not a test: it prints numbers and asserts nothing). For each
 * CRM in {@code benchmark.crms} it runs the same work twice, each on a fresh sandbox with {@code benchmark.latency-ms}
 * (default 100) per request: once without faults, once with 17% of requests failing (10 parts 5xx, 5 parts 429 with
 * Retry-After, 1 part applied then its answer lost, 1 part applied then answered after the 1 s read timeout). The
 * work: contact-sync creating {@code benchmark.creates} (default 300) PenguinMails-only contacts in the CRM, then
 * engagement-sync logging an e-mail for each of {@code benchmark.crm-contacts} (default 300) linked people, one in ten
 * with a reply follow-up. Each pair is measured {@code benchmark.rounds} times (default 2), in alternating order. It
 * prints seconds, requests and the ratio of the mean times, faulty / fault-free, per CRM.
 * <pre>
 * ./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx512m -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     com.penguinmails.crmsync.job.engagementsync.FaultMixThroughputBenchmark
 * </pre>
 */
public final class FaultMixThroughputBenchmark {

    private FaultMixThroughputBenchmark() {
    }

    private record Measure(String crm, String mix, double seconds, long requests, long faults) {
    }

    public static void main(String[] args) throws Exception {
        int seeded = Integer.getInteger("benchmark.crm-contacts", 300);
        int creates = Integer.getInteger("benchmark.creates", 300);
        int latencyMs = Integer.getInteger("benchmark.latency-ms", 100);
        int rounds = Integer.getInteger("benchmark.rounds", 2);
        List<String> crms = Arrays.stream(System.getProperty("benchmark.crms", "salesforce,hubspot,pipedrive")
                .split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        TestDatabase.Database db = TestDatabase.create("fault_mix_benchmark");
        Map<String, Object> properties = new HashMap<>(db.springProperties());
        properties.put("crmsync.credentials.keyset-file",
                Files.createTempDirectory("fault-mix-benchmark").resolve("keyset.json").toString());
        properties.put("crmsync.credentials.generate-missing", "true");
        List<Measure> measures = new ArrayList<>();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CrmSyncApplication.class)
                .web(WebApplicationType.NONE).properties(properties).run()) {
            for (String crm : crms) {
                for (int round = 0; round < rounds; round++) {
                    // alternating which goes first, so a warming JVM favours neither
                    for (boolean faulty : round % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                        FaultPlan plan = faulty ? FaultPlan.appliedButUnanswered(Duration.ofMillis(latencyMs), 0.17,
                                Duration.ofMillis(1500)) : FaultPlan.of(Duration.ofMillis(latencyMs), 0);
                        measures.add(measure(context, CrmKind.of(crm.toUpperCase(Locale.ROOT)), plan, faulty,
                                seeded, creates, round));
                    }
                }
            }
        }
        System.out.printf("%nfault-mix throughput: %d creates + %d e-mails (+%d follow-ups) per run, latency %d ms%n",
                creates, seeded, seeded / 10, latencyMs);
        System.out.printf("%-11s %-11s %9s %9s %7s%n", "crm", "mix", "seconds", "requests", "faults");
        for (Measure m : measures) {
            System.out.printf("%-11s %-11s %9.1f %9d %7d%n", m.crm(), m.mix(), m.seconds(), m.requests(), m.faults());
        }
        for (String crm : crms) {
            double clean = mean(measures, crm, "none");
            double faulty = mean(measures, crm, "17% faults");
            System.out.printf("%s: mean %.1f s fault-free, %.1f s with 17%% faults: faulty / fault-free = %.2f%n", crm,
                    clean, faulty, faulty / clean);
        }
        System.exit(0);
    }

    private static double mean(List<Measure> measures, String crm, String mix) {
        return measures.stream().filter(m -> m.crm().equals(crm) && m.mix().equals(mix))
                .mapToDouble(Measure::seconds).average().orElse(Double.NaN);
    }

    private static Measure measure(ConfigurableApplicationContext context, CrmKind kind, FaultPlan plan,
                                   boolean faulty, int seeded, int creates, int round) throws Exception {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        JobRunner runner = context.getBean(JobRunner.class);
        String tenant = "bench-" + kind.id() + (faulty ? "-faulty" : "-clean") + round;
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES (:id, :id)").param("id", tenant).update();
        SandboxOptions options = SandboxOptions.defaults().withSeedContacts(seeded).withPlan(SandboxOptions.Plan.PRO);
        Map<String, String> settings = Map.of("createContactsInCrm", "true", "readTimeoutSeconds", "1");
        ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
        AutoCloseable handle;
        SandboxHttpServer server;
        switch (kind.id()) {
            case "hubspot" -> {
                HubSpotSandbox hubspot = HubSpotSandbox.start(options);
                registry.connect(tenant, kind, tenant, with(settings, "baseUrl", hubspot.info().get("baseUrl"),
                        "searchIndexLag", "PT0S"), new Credential.ApiToken(hubspot.info().get("privateAppToken")
                        .toString()));
                handle = hubspot;
                server = hubspot.server();
            }
            case "salesforce" -> {
                SalesforceSandbox salesforce = SalesforceSandbox.start(options);
                Map<String, Object> sf = salesforce.info();
                registry.connect(tenant, kind, sf.get("organizationId") + tenant,
                        with(settings, "baseUrl", sf.get("instanceUrl"), "", ""),
                        new Credential.OAuth("", sf.get("refreshToken").toString(), null, null,
                                sf.get("clientId").toString(), sf.get("clientSecret").toString(), null));
                handle = salesforce;
                server = salesforce.server();
            }
            case "pipedrive" -> {
                PipedriveSandbox pipedrive = PipedriveSandbox.start(options);
                registry.connect(tenant, kind, tenant, with(settings, "baseUrl", pipedrive.info().get("apiDomain"),
                        "", ""), new Credential.ApiToken(pipedrive.info().get("apiToken").toString()));
                handle = pipedrive;
                server = pipedrive.server();
            }
            default -> throw new IllegalArgumentException(kind.id());
        }
        try (AutoCloseable ignored = handle) {
            RunParameters parameters = new RunParameters(List.of(tenant), Shard.ALL, 1, Instant.now());
            runner.run(ContactSyncJobConfiguration.JOB_NAME, parameters); // links the seeds; not measured
            prepare(context, jdbc, tenant, creates);
            server.faults(plan);
            long requestsBefore = server.stats().totalRequests();
            long start = System.nanoTime();
            JobExecution contacts = runner.run(ContactSyncJobConfiguration.JOB_NAME,
                    new RunParameters(List.of(tenant), Shard.ALL, 1, Instant.now()));
            JobExecution emails = runner.run(EngagementSyncJobConfiguration.JOB_NAME,
                    new RunParameters(List.of(tenant), Shard.ALL, 1, Instant.now()));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s %s: contact-sync %s, engagement-sync %s, %.1f s%n", kind, faulty ? "17%" : "none",
                    contacts.getStatus(), emails.getStatus(), seconds);
            return new Measure(kind.id(), faulty ? "17% faults" : "none", seconds,
                    server.stats().totalRequests() - requestsBefore, server.stats().faultsInjectedCount());
        }
    }

    /** {@code creates} PenguinMails-only contacts marked changed; an e-mail to each linked person, 1 in 10 replied. */
    private static void prepare(ConfigurableApplicationContext context, JdbcClient jdbc, String tenant, int creates) {
        List<Long> contacts = jdbc.sql("""
                        INSERT INTO penguinmails.contacts (tenant_id, email, first_name, last_name)
                        SELECT :t, 'new-' || n || '@' || :t || '.test', 'New', 'Person ' || n
                        FROM generate_series(1, :n) AS n RETURNING id""")
                .param("t", tenant).param("n", creates).query(Long.class).list();
        context.getBean(ContactChangeStore.class).markChanged(tenant, contacts, "edit");
        long campaign = jdbc.sql("INSERT INTO penguinmails.campaigns (tenant_id, name, subject, sent_at) "
                + "VALUES (:t, 'Bench', 'Bench', now()) RETURNING id").param("t", tenant).query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, campaign_id, message_id,
                                                                    event_type, occurred_at, detail)
                        SELECT :t, c.id, :campaign, 'b-' || c.id, e.type, now() - interval '1 hour' + e.after,
                               '{}'::jsonb
                        FROM penguinmails.contacts c
                        CROSS JOIN LATERAL (VALUES ('sent', interval '0', true),
                                                   ('reply', interval '5 minutes', c.id % 10 = 0)) AS e(type, after, happens)
                        WHERE c.tenant_id = :t AND e.happens
                          AND EXISTS (SELECT 1 FROM crm_sync.record_links l WHERE l.pm_id = c.id)""")
                .param("t", tenant).param("campaign", campaign).update();
    }

    private static Map<String, String> with(Map<String, String> settings, String key, Object value, String key2,
                                            String value2) {
        Map<String, String> all = new HashMap<>(settings);
        all.put(key, value.toString());
        if (!key2.isEmpty()) {
            all.put(key2, value2);
        }
        return all;
    }
}
