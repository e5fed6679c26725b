package com.penguinmails.crmsync.serve;

import com.penguinmails.crmsync.CrmSyncApplication;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.job.engagementsync.EngagementSyncJobConfiguration;
import com.penguinmails.crmsync.job.support.JobRunner;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.CrmTimelines;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark of {@code crm-sync serve} (not a test: it prints numbers and asserts nothing about time). It starts the
 * CRMs' sandboxes in its own JVM ({@code benchmark.crms}, default all three) with {@code benchmark.latency-ms} (150)
 * on every request and PRO plan limits, seeds each with {@code benchmark.crm-contacts} people (10,000) and links them
 * with one contact-sync run, then starts replicas of the packaged {@code crm-sync serve} in their own JVMs behind a
 * round-robin forwarder ({@link ReplicaForwarder}: HubSpot's deliveries and Pipedrive's registered webhooks both go
 * to it). Three phases of {@code benchmark.duration} (PT5M) each, with the same load:
 * <ol>
 *   <li>one replica;</li>
 *   <li>two replicas;</li>
 *   <li>two replicas, one of them killed with {@code kill -9} half-way ({@code -Dbenchmark.kill=false} skips it).</li>
 * </ol>
 * The load: {@code benchmark.edit-rate} (20) edits a second per CRM (a Contact's or person's last name, through the
 * CRM's API as a user of its OAuth app; Salesforce's reach the service as Change Data Capture events, HubSpot's and
 * Pipedrive's as webhooks) and {@code benchmark.event-rate} (100) engagement events a second in all,
 * spread over the CRMs' tenants (each a new e-mail's {@code sent}, so one event is one CRM activity). After each phase
 * it waits up to {@code benchmark.grace} (PT10M; it stops waiting as soon as all arrived) for what is on its way, then runs the hourly jobs (contact-sync, then
 * engagement-sync) and counts the writes they still made. It prints, per phase, direction and CRM: p50/p95/p99 and
 * max latency (inbound: the edit's API answer to the PenguinMails contact showing the new name; outbound: the event's
 * commit to its activity's link, which is written after the CRM answered the write), changes lost, and API calls per
 * applied change; and at the end the duplicates (activities per key on the CRM timelines, persons per address on
 * both sides, against the seed).
 */
public final class RealtimeBenchmark {

    private static final long POLL_MILLIS = 100;

    private RealtimeBenchmark() {
    }

    /** One CRM of the benchmark: its sandbox, tenant, linked people, campaign and, with webhooks, its user edits. */
    private record Crm(String name, CrmDriver driver, String tenant, long connection, List<Person> people,
                       long campaign, @Nullable CrmUserEdits edits) {
        boolean inbound() {
            return edits != null;
        }
    }

    /** A linked person: its CRM id, its PenguinMails contact, the first name its edits keep. */
    private record Person(String crmId, long contactId, String firstName) {
    }

    /** What one phase measured, per CRM. */
    private record Phase(String label, double loadSeconds, ArrivalLedger inbound, ArrivalLedger outbound, Map<String, Long> editFailures,
                         Map<String, Long> calls, Map<String, Long> hourlyWrites, String hourlyStatus,
                         String forwarding) {
    }

    public static void main(String[] args) throws Exception {
        int contacts = Integer.parseInt(blankTo(System.getProperty("benchmark.crm-contacts"), "10000"));
        int latencyMs = Integer.parseInt(blankTo(System.getProperty("benchmark.latency-ms"), "150"));
        Duration duration = Duration.parse(blankTo(System.getProperty("benchmark.duration"), "PT5M"));
        Duration grace = Duration.parse(blankTo(System.getProperty("benchmark.grace"), "PT10M"));
        double editRate = Double.parseDouble(blankTo(System.getProperty("benchmark.edit-rate"), "20"));
        double eventRate = Double.parseDouble(blankTo(System.getProperty("benchmark.event-rate"), "100"));
        boolean kill = Boolean.parseBoolean(blankTo(System.getProperty("benchmark.kill"), "true"));
        String replicaHeap = blankTo(System.getProperty("benchmark.replica-heap"), "768m");
        List<String> crmNames = Arrays.stream(blankTo(System.getProperty("benchmark.crms"),
                        "salesforce,hubspot,pipedrive").split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();

        TestDatabase.Database db = TestDatabase.create("realtime_benchmark");
        Path keyset = Files.createTempDirectory("realtime-benchmark").resolve("keyset.json");
        Map<String, Object> properties = new HashMap<>(db.springProperties());
        properties.put("crmsync.credentials.keyset-file", keyset.toString());
        properties.put("crmsync.credentials.generate-missing", "true");
        SandboxOptions options = SandboxOptions.defaults().withSeedContacts(contacts)
                .withFaults(FaultPlan.of(Duration.ofMillis(latencyMs), 0)).withPlan(SandboxOptions.Plan.PRO);

        System.out.printf("%nrealtime benchmark: %s, %,d linked contacts each, %d ms latency, PRO limits; %.0f edits/s "
                        + "per CRM with webhooks, %.0f events/s in all; phases of %s, grace %s%n", crmNames,
                contacts, latencyMs, editRate, eventRate, duration, grace);
        List<Phase> phases = new ArrayList<>();
        List<Crm> crms = new ArrayList<>();
        List<ServeProcess> replicas = new ArrayList<>();
        // as arguments, not default properties: application.yml's keyset-file (from the environment) outranks those
        String[] arguments = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CrmSyncApplication.class)
                .web(WebApplicationType.NONE).run(arguments);
             ReplicaForwarder forwarder = ReplicaForwarder.start()) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            for (String name : crmNames) {
                crms.add(seed(context, jdbc, name, options));
            }
            long started = System.nanoTime();
            System.out.printf("== linking: contact-sync, then engagement-sync (one seed e-mail each)%n");
            String linking = runJob(context, ContactSyncJobConfiguration.JOB_NAME, crms);
            for (Crm crm : crms) {
                linkedPeople(jdbc, crm);
                System.out.printf("   %-10s %,d people linked%n", crm.name(), crm.people().size());
            }
            System.out.printf("   contact-sync %s, engagement-sync %s in %.1f s%n", linking, runJob(context,
                    EngagementSyncJobConfiguration.JOB_NAME, crms), (System.nanoTime() - started) / 1e9);
            Map<String, Long> dupesBefore = duplicatePersons(jdbc, crms);

            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("CRMSYNC_SERVE_PUBLIC_URL", forwarder.publicUrl().toString());
            for (Crm crm : crms) {
                if (crm.driver().sandbox() instanceof HubSpotSandbox hubspot) {
                    settings.put("CRMSYNC_SERVE_HUBSPOT_CLIENT_SECRET", String.valueOf(
                            ((Map<?, ?>) hubspot.info().get("webhooks")).get("clientSecret")));
                    hubspot.deliverWebhooksTo(URI.create(forwarder.publicUrl() + "/webhooks/hubspot"));
                }
            }
            System.out.printf("== replicas behind %s (HubSpot's target URL and Pipedrive's registered webhooks)%n",
                    forwarder.publicUrl());
            replicas.add(startReplica(db, keyset, replicaHeap, settings, forwarder, "replica-1"));
            Load load = new Load(jdbc, crms, editRate, eventRate);
            warmUp(jdbc, load);
            phases.add(printed(crms, phase(context, load, "1 replica", duration, grace, null, forwarder)));
            replicas.add(startReplica(db, keyset, replicaHeap, settings, forwarder, "replica-2"));
            phases.add(printed(crms, phase(context, load, "2 replicas", duration, grace, null, forwarder)));
            if (kill) {
                phases.add(printed(crms, phase(context, load, "2, kill -9 one", duration, grace, replicas.get(1),
                        forwarder)));
            }
            printPhases(phases, crms);
            printDuplicates(jdbc, crms, dupesBefore);
        } finally {
            for (ServeProcess replica : replicas) {
                replica.close();
            }
            for (Crm crm : crms) {
                crm.driver().close();
            }
        }
        System.exit(0);
    }

    private static String blankTo(@Nullable String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    // --------------------------------------------------------------------------------------------------- seeding

    private static Crm seed(ConfigurableApplicationContext context, JdbcClient jdbc, String name,
                            SandboxOptions options) throws Exception {
        System.out.printf("== %s: starting the sandbox (%,d people)%n", name, options.seedContacts());
        CrmDriver driver = CrmDriver.start(CrmKind.of(name), options);
        String tenant = "rt-" + name;
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES (:id, :name)").param("id", tenant)
                .param("name", "Realtime " + name).update();
        long connection = driver.connect(context.getBean(ConnectionRegistry.class), tenant);
        long campaign = jdbc.sql("INSERT INTO penguinmails.campaigns (tenant_id, name, subject, sent_at) "
                        + "VALUES (:t, 'Realtime', 'Real-time benchmark', now()) RETURNING id")
                .param("t", tenant).query(Long.class).single();
        CrmUserEdits edits = CrmUserEdits.of(driver.sandbox());
        return new Crm(name, driver, tenant, connection, new ArrayList<>(), campaign, edits);
    }

    /** Runs {@code job} over the benchmark's tenants; its status (and failures). */
    private static String runJob(ConfigurableApplicationContext context, String job, List<Crm> crms) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        if (job.equals(EngagementSyncJobConfiguration.JOB_NAME)) {
            for (Crm crm : crms) {
                if (!crm.people().isEmpty() && jdbc.sql("SELECT count(*) FROM penguinmails.engagement_events "
                        + "WHERE tenant_id = :t").param("t", crm.tenant()).query(Long.class).single() == 0) {
                    // a first run with an event leaves a watermark: the service pushes only connections with one
                    jdbc.sql("INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, campaign_id, "
                                    + "message_id, event_type, occurred_at) VALUES (:t, :c, :k, :m, 'sent', now())")
                            .param("t", crm.tenant()).param("c", crm.people().get(0).contactId())
                            .param("k", crm.campaign()).param("m", "rt-seed-" + crm.name()).update();
                }
            }
        }
        JobExecution execution = context.getBean(JobRunner.class).run(job, new RunParameters(
                crms.stream().map(Crm::tenant).toList(), List.of(), Shard.ALL, 4, Instant.now(), null));
        String status = execution.getStatus().toString();
        return execution.getAllFailureExceptions().isEmpty() ? status
                : status + " " + execution.getAllFailureExceptions();
    }

    private static void linkedPeople(JdbcClient jdbc, Crm crm) {
        crm.people().addAll(jdbc.sql("""
                        SELECT l.crm_id, l.pm_id, coalesce(c.first_name, '') AS first_name
                        FROM crm_sync.record_links l JOIN penguinmails.contacts c ON c.id = l.pm_id
                        WHERE l.connection_id = :c AND l.pm_entity = 'contact' AND l.object_type = 'CONTACT'
                          AND l.deleted_at IS NULL
                        ORDER BY l.pm_id""")
                .param("c", crm.connection())
                .query((rs, n) -> new Person(rs.getString(1), rs.getLong(2),
                        CrmUserEdits.jsonSafe(rs.getString(3)))).list());
    }

    private static ServeProcess startReplica(TestDatabase.Database db, Path keyset, String heap,
                                             Map<String, String> settings, ReplicaForwarder forwarder, String name)
            throws Exception {
        long started = System.nanoTime();
        ServeProcess replica = ServeProcess.start(name, db, keyset, heap, settings);
        forwarder.add(replica.uri());
        System.out.printf("   %s (pid %d) ready at %s in %.1f s, log %s%n", name, replica.pid(), replica.uri(),
                (System.nanoTime() - started) / 1e9, replica.log);
        return replica;
    }

    // ------------------------------------------------------------------------------------------------------ load

    /** The load generator: CRM edits per CRM with webhooks, engagement events over all tenants; sequence numbers. */
    private static final class Load {
        private final JdbcClient jdbc;
        private final List<Crm> crms;
        private final double editRate;
        private final double eventRate;
        private final AtomicLong editSeq = new AtomicLong();
        private final Map<String, AtomicLong> nextPerson = new ConcurrentHashMap<>();
        private final AtomicLong eventSeq = new AtomicLong();
        private double eventCredit;
        private int eventTurn;

        Load(JdbcClient jdbc, List<Crm> crms, double editRate, double eventRate) {
            this.jdbc = jdbc;
            this.crms = crms;
            this.editRate = editRate;
            this.eventRate = eventRate;
        }

        /** One edit of the next person of {@code crm} (round-robin, so no two edits of one person overlap). */
        void edit(Crm crm, ArrivalLedger inbound, Map<String, Long> failures) {
            Person person = crm.people().get((int) (nextPerson.computeIfAbsent(crm.name(), n -> new AtomicLong())
                    .getAndIncrement() % crm.people().size()));
            String last = "Rt" + editSeq.incrementAndGet() + "x";
            try {
                if (java.util.Objects.requireNonNull(crm.edits()).editLastName(person.crmId(), person.firstName(), last)) {
                    inbound.expect(crm.name(), Long.toString(person.contactId()), last, System.nanoTime());
                    return;
                }
            } catch (Exception e) {
                // counted below: an edit the CRM did not take is not expected anywhere
            }
            failures.merge(crm.name(), 1L, Long::sum);
        }

        /** The events due in one tick of {@link #POLL_MILLIS}, one statement per tenant, spread over the CRMs. */
        void events(ArrivalLedger outbound) {
            eventCredit += eventRate * POLL_MILLIS / 1000.0;
            Map<Crm, Integer> due = new LinkedHashMap<>();
            while (eventCredit >= 1) {
                eventCredit -= 1;
                due.merge(crms.get(eventTurn++ % crms.size()), 1, Integer::sum);
            }
            due.forEach((crm, n) -> {
                List<Long> contacts = new ArrayList<>();
                List<String> messages = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    long seq = eventSeq.incrementAndGet();
                    contacts.add(crm.people().get((int) (seq % crm.people().size())).contactId());
                    messages.add("rt-" + crm.name() + "-" + seq);
                }
                jdbc.sql("""
                                INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, campaign_id,
                                                                            message_id, event_type, occurred_at)
                                SELECT :t, c, :k, m, 'sent', now()
                                FROM unnest(CAST(:contacts AS bigint[]), CAST(:messages AS text[])) AS e(c, m)""")
                        .param("t", crm.tenant()).param("k", crm.campaign())
                        .param("contacts", contacts.toArray(Long[]::new))
                        .param("messages", messages.toArray(String[]::new)).update();
                long committed = System.nanoTime();
                messages.forEach(m -> outbound.expect(crm.name(), "pm-m-" + m, "", committed));
            });
        }
    }

    /**
     * Before the first phase: one edit per CRM, made again every 5 s until it has arrived, so that the load does not
     * begin while a change stream is still subscribing (a Salesforce stream with no stored position starts at LATEST:
     * what is published before it subscribes is left to the hourly run, and would count as lost here).
     */
    private static void warmUp(JdbcClient jdbc, Load load) throws InterruptedException {
        ArrivalLedger ledger = new ArrivalLedger();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long started = System.nanoTime();
        for (Crm crm : load.crms) {
            while (ledger.latencies(crm.name()).isEmpty() && System.nanoTime() < deadline) {
                load.edit(crm, ledger, failures);
                for (int i = 0; i < 50 && ledger.latencies(crm.name()).isEmpty(); i++) {
                    Thread.sleep(POLL_MILLIS);
                    poll(jdbc, ledger, new ArrivalLedger());
                }
            }
        }
        System.out.printf("   warm-up: an edit of each CRM arrived in %.1f s%s%n", (System.nanoTime() - started) / 1e9,
                load.crms.stream().allMatch(c -> !ledger.latencies(c.name()).isEmpty()) ? ""
                        : " (not all: the first phase may count their first edits lost)");
    }

    // ----------------------------------------------------------------------------------------------------- phase

    private static Phase phase(ConfigurableApplicationContext context, Load load, String label, Duration duration,
                               Duration grace, @Nullable ServeProcess victim, ReplicaForwarder forwarder) throws Exception {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        List<Crm> crms = load.crms;
        System.out.printf("== phase: %s, %s of load%n", label, duration);
        Map<String, Long> callsBefore = calls(crms);
        long limitedBefore = crms.stream().filter(Crm::inbound).mapToLong(c -> c.edits().rateLimited()).sum();
        ArrivalLedger inbound = new ArrivalLedger();
        ArrivalLedger outbound = new ArrivalLedger();
        Map<String, Long> editFailures = new ConcurrentHashMap<>();
        ScheduledExecutorService ticks = Executors.newScheduledThreadPool(4);
        // per CRM: one CRM's slowness cannot hold another's
        Map<String, ThreadPoolExecutor> editors = new LinkedHashMap<>();
        crms.forEach(c -> editors.put(c.name(), (ThreadPoolExecutor) Executors.newFixedThreadPool(16)));
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        poller.scheduleWithFixedDelay(() -> poll(jdbc, inbound, outbound), POLL_MILLIS, POLL_MILLIS,
                TimeUnit.MILLISECONDS);
        long periodMicros = Math.max(1, Math.round(1_000_000 / load.editRate));
        for (Crm crm : crms) {
            if (crm.inbound() && load.editRate > 0) {
                ticks.scheduleAtFixedRate(() -> editors.get(crm.name()).execute(() -> load.edit(crm, inbound,
                                editFailures)),
                        0, periodMicros, TimeUnit.MICROSECONDS);
            }
        }
        ticks.scheduleAtFixedRate(() -> {
            try {
                load.events(outbound);
            } catch (RuntimeException e) {
                System.out.println("   event insert failed: " + e.getMessage());
            }
        }, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (victim != null) {
            ticks.schedule(() -> {
                try {
                    victim.kill();
                    System.out.printf("   %s killed (kill -9) at %s%n", victim.name, Instant.now());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, duration.toMillis() / 2, TimeUnit.MILLISECONDS);
        }
        long loadStart = System.nanoTime();
        Thread.sleep(duration.toMillis());
        ticks.shutdownNow();
        ticks.awaitTermination(30, TimeUnit.SECONDS);
        for (ThreadPoolExecutor crmEditors : editors.values()) {
            crmEditors.getQueue().clear(); // edits not begun when the load stops are not made; those under way finish
            crmEditors.shutdown();
            crmEditors.awaitTermination(60, TimeUnit.SECONDS);
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long deadline = System.nanoTime() + grace.toNanos();
        while ((!inbound.settled() || !outbound.settled()) && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
        }
        poller.shutdownNow();
        poller.awaitTermination(30, TimeUnit.SECONDS);
        System.out.printf("   edits answered 429 by the CRMs (waited, sent again): %,d%n", crms.stream()
                .filter(Crm::inbound).mapToLong(c -> c.edits().rateLimited()).sum() - limitedBefore);
        System.out.printf("   load %.0f s, settled %.0f s after it stopped%s%n", loadSeconds,
                (System.nanoTime() - loadStart) / 1e9 - loadSeconds,
                inbound.settled() && outbound.settled() ? "" : " (grace over: what is pending is lost)");
        Map<String, Long> callsAfter = calls(crms);
        Map<String, Long> phaseCalls = new LinkedHashMap<>();
        crms.forEach(c -> phaseCalls.put(c.name(), callsAfter.get(c.name()) - callsBefore.get(c.name())));
        if (victim != null) {
            forwarder.remove(victim.uri());
        }

        // the hourly jobs afterwards: what do they still write?
        Map<String, Map<String, Long>> writesBefore = new LinkedHashMap<>();
        crms.forEach(c -> writesBefore.put(c.name(), writes(c)));
        String status = "contact-sync " + runJob(context, ContactSyncJobConfiguration.JOB_NAME, crms)
                + ", engagement-sync " + runJob(context, EngagementSyncJobConfiguration.JOB_NAME, crms);
        Map<String, Long> hourlyWrites = new LinkedHashMap<>();
        for (Crm crm : crms) {
            Map<String, Long> after = writes(crm);
            Map<String, Long> before = writesBefore.get(crm.name());
            List<String> routes = new ArrayList<>();
            long n = 0;
            for (var route : after.entrySet()) {
                long delta = route.getValue() - before.getOrDefault(route.getKey(), 0L);
                if (delta > 0) {
                    routes.add(delta + " x " + route.getKey());
                    n += delta;
                }
            }
            hourlyWrites.put(crm.name(), n);
            if (n > 0) {
                System.out.printf("   hourly writes %s: %s%n", crm.name(), routes);
            }
        }
        System.out.printf("   hourly runs: %s%n", status);
        return new Phase(label, loadSeconds, inbound, outbound, editFailures, phaseCalls, hourlyWrites, status,
                forwarder.stats());
    }

    /** One poll: which pending contacts show their new name, which pending activities are linked. */
    private static void poll(JdbcClient jdbc, ArrivalLedger inbound, ArrivalLedger outbound) {
        try {
            Map<String, ArrivalLedger.Pending> contacts = inbound.pending();
            if (!contacts.isEmpty()) {
                Long[] ids = contacts.keySet().stream().map(Long::valueOf).toArray(Long[]::new);
                jdbc.sql("SELECT id, concat_ws(' ', first_name, last_name) FROM penguinmails.contacts "
                                + "WHERE id = ANY(CAST(:ids AS bigint[]))").param("ids", ids)
                        .query((rs, n) -> Map.entry(Long.toString(rs.getLong(1)), String.valueOf(rs.getString(2))))
                        .list().forEach(row -> {
                            ArrivalLedger.Pending edit = contacts.get(row.getKey());
                            if (edit != null && row.getValue().endsWith(edit.proof())) {
                                inbound.arrived(row.getKey(), System.nanoTime());
                            }
                        });
            }
            Map<String, ArrivalLedger.Pending> activities = outbound.pending();
            if (!activities.isEmpty()) {
                long seen = System.nanoTime();
                jdbc.sql("SELECT activity_key FROM crm_sync.activity_links WHERE activity_key = ANY(CAST(:k AS text[]))")
                        .param("k", activities.keySet().toArray(String[]::new)).query(String.class).list()
                        .forEach(key -> outbound.arrived(key, seen));
            }
        } catch (RuntimeException e) {
            System.out.println("   poll failed: " + e.getMessage());
        }
    }

    /** API calls each sandbox served so far, less the benchmark's own edits. */
    private static Map<String, Long> calls(List<Crm> crms) {
        Map<String, Long> calls = new LinkedHashMap<>();
        for (Crm crm : crms) {
            calls.put(crm.name(), crm.driver().server().stats().totalRequests()
                    - (crm.edits() == null ? 0 : crm.edits().calls()));
        }
        return calls;
    }

    /** Calls of the sandbox's write routes so far. */
    private static Map<String, Long> writes(Crm crm) {
        Map<String, Long> writes = new LinkedHashMap<>();
        crm.driver().server().stats().snapshot().forEach((route, statuses) -> {
            if (crm.driver().isWrite(route)) {
                writes.put(route, statuses.values().stream().mapToLong(Long::longValue).sum());
            }
        });
        return writes;
    }

    // ----------------------------------------------------------------------------------------------- duplicates

    /** Per CRM: addresses held by more than one person in the CRM, and by more than one contact in the tenant. */
    private static Map<String, Long> duplicatePersons(JdbcClient jdbc, List<Crm> crms) throws Exception {
        Map<String, Long> duplicates = new LinkedHashMap<>();
        for (Crm crm : crms) {
            long inCrm = crm.driver().emails().stream()
                    .collect(Collectors.groupingBy(e -> e.toLowerCase(Locale.ROOT), Collectors.counting()))
                    .values().stream().filter(n -> n > 1).count();
            long inPm = jdbc.sql("""
                            SELECT count(*) FROM (SELECT lower(email) FROM penguinmails.contacts WHERE tenant_id = :t
                                                  GROUP BY 1 HAVING count(*) > 1) d""")
                    .param("t", crm.tenant()).query(Long.class).single();
            duplicates.put(crm.name() + " crm", inCrm);
            duplicates.put(crm.name() + " pm", inPm);
        }
        return duplicates;
    }

    private static void printDuplicates(JdbcClient jdbc, List<Crm> crms, Map<String, Long> before) throws Exception {
        Map<String, Long> after = duplicatePersons(jdbc, crms);
        System.out.println();
        System.out.println("duplicates over all phases (must be 0), read from the CRMs' own APIs after the load:");
        for (Crm crm : crms) {
            List<CrmTimelines.Logged> logged = crm.driver().timeline().all();
            Map<String, Long> perKey = logged.stream().filter(l -> l.key().startsWith("pm-m-rt-"))
                    .collect(Collectors.groupingBy(CrmTimelines.Logged::key, Collectors.counting()));
            long twice = perKey.values().stream().filter(n -> n > 1).count();
            long linked = jdbc.sql("SELECT count(*) FROM crm_sync.activity_links WHERE connection_id = :c "
                            + "AND activity_key LIKE 'pm-m-rt-%'").param("c", crm.connection())
                    .query(Long.class).single();
            long missing = jdbc.sql("SELECT count(*) FROM crm_sync.activity_links WHERE connection_id = :c "
                            + "AND activity_key LIKE 'pm-m-rt-%' AND NOT (activity_key = ANY(CAST(:k AS text[])))")
                    .param("c", crm.connection()).param("k", perKey.keySet().toArray(String[]::new))
                    .query(Long.class).single();
            System.out.printf("   %-10s activities on the timeline %,d (keys %,d, linked %,d, linked but missing %,d), "
                            + "keys logged more than once %,d; persons sharing an address: CRM %,d -> %,d, "
                            + "PenguinMails %,d -> %,d%n", crm.name(), logged.stream()
                            .filter(l -> l.key().startsWith("pm-m-rt-")).count(), perKey.size(), linked, missing,
                    twice, before.get(crm.name() + " crm"), after.get(crm.name() + " crm"),
                    before.get(crm.name() + " pm"), after.get(crm.name() + " pm"));
        }
    }

    // -------------------------------------------------------------------------------------------------- printing

    /** Prints a phase's rows as soon as it is over (a long run stopped early keeps what it measured). */
    private static Phase printed(List<Crm> crms, Phase phase) {
        printPhases(List.of(phase), crms);
        return phase;
    }

    private static void printPhases(List<Phase> phases, List<Crm> crms) {
        System.out.println();
        String line = "-".repeat(139);
        System.out.println("realtime benchmark: latency in ms (inbound: edit answered -> contact shows it; outbound: "
                + "event committed -> activity linked after the CRM's answer)");
        System.out.println(line);
        System.out.printf("%-15s %-22s %-10s %8s %6s %8s %8s %8s %8s %6s %7s %10s %8s%n", "phase", "direction",
                "CRM", "changes", "per s", "p50", "p95", "p99", "max", "lost", "failed", "calls/chg", "hourly");
        System.out.println(line);
        for (Phase phase : phases) {
            for (Crm crm : crms) {
                long applied = phase.inbound().latencies(crm.name()).size()
                        + phase.outbound().latencies(crm.name()).size();
                double perChange = applied == 0 ? 0 : phase.calls().get(crm.name()) / (double) applied;
                if (crm.inbound()) {
                    row(phase, "CRM -> PenguinMails", crm.name(), phase.inbound(),
                            phase.editFailures().getOrDefault(crm.name(), 0L), perChange, phase.hourlyWrites());
                }
                row(phase, "PenguinMails -> CRM", crm.name(), phase.outbound(), 0, perChange, phase.hourlyWrites());
            }
        }
        System.out.println(line);
        System.out.println("changes: expected (per s: over the load's time); lost: not arrived within the grace period; failed: edits the CRM "
                + "refused (not expected); calls/chg: the service's API calls to that CRM (reads by id, writes, "
                + "webhook registration; not the benchmark's edits) per applied change, both directions; hourly: "
                + "write calls the hourly contact-sync + engagement-sync made after the phase (target 0)");
        for (Phase phase : phases) {
            System.out.printf("%-15s forwarder: %s; superseded edits %d; hourly: %s%n", phase.label(),
                    phase.forwarding(), phase.inbound().superseded(), phase.hourlyStatus());
        }
        if (crms.stream().anyMatch(c -> !c.inbound())) {
            System.out.println("CRM -> PenguinMails is not measured for " + crms.stream().filter(c -> !c.inbound())
                    .map(Crm::name).toList() + ": no change stream of theirs is in crm-sync serve yet");
        }
    }

    private static void row(Phase phase, String direction, String crm, ArrivalLedger ledger, long failed,
                            double perChange, Map<String, Long> hourly) {
        List<Long> sorted = ledger.latencies(crm);
        Function<Double, String> p = q -> Long.toString(ArrivalLedger.percentile(sorted, q));
        System.out.printf("%-15s %-22s %-10s %,8d %6.1f %8s %8s %8s %8s %,6d %,7d %10.2f %,8d%n", phase.label(),
                direction, crm, ledger.expected(crm), ledger.expected(crm) / phase.loadSeconds(), p.apply(50.0), p.apply(95.0), p.apply(99.0), p.apply(100.0),
                ledger.lost(crm), failed, perChange, hourly.getOrDefault(crm, 0L));
    }
}
