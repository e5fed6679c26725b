package com.penguinmails.crmsync.job.leadscore;

import com.penguinmails.crmsync.CrmSyncApplication;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.demo.DemoDataSeeder;
import com.penguinmails.crmsync.demo.DemoPlan;
import com.penguinmails.crmsync.job.support.JobRunner;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.testing.HeapSampler;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark of the {@code lead-score} job (not a test): seeds {@code contacts} contacts over four tenants with
 * {@code campaigns} campaigns each (about 1.57 events per contact and campaign) in a fresh database, runs the job once,
 * and prints events/s, wall time and heap. Run it twice with 10x the data to see the heap stay flat:
 * <pre>./mvnw -B -Pbenchmark verify -Dbenchmark.contacts=100000 -Dbenchmark.campaigns=6</pre>
 */
public final class LeadScoreBenchmark {

    private LeadScoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int contacts = Integer.parseInt(System.getProperty("benchmark.contacts", "100000"));
        int campaigns = Integer.parseInt(System.getProperty("benchmark.campaigns", "6"));
        int concurrency = Integer.parseInt(System.getProperty("benchmark.concurrency", "4"));
        int tenantCount = 4;
        List<String> tenants = IntStream.range(0, tenantCount).mapToObj(i -> "bench-" + i).toList();
        TestDatabase.Database db = TestDatabase.create("lead_score_benchmark");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CrmSyncApplication.class)
                .web(WebApplicationType.NONE)
                .properties(db.springProperties())
                .run()) {
            long seedStart = System.nanoTime();
            Instant anchor = Instant.parse("2026-11-01T00:00:00Z");
            context.getBean(DemoDataSeeder.class)
                    .seed(new DemoPlan(tenants, contacts / tenantCount, campaigns, 1, anchor));
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            jdbc.sql("VACUUM ANALYZE").update();
            long events = jdbc.sql("SELECT count(*) FROM penguinmails.engagement_events").query(Long.class).single();

            System.gc();
            HeapSampler sampler = HeapSampler.start();
            long start = System.nanoTime();
            JobExecution execution = context.getBean(JobRunner.class).run(LeadScoreJobConfiguration.JOB_NAME,
                    new RunParameters(List.of(), Shard.ALL, concurrency, anchor.plusSeconds(3600)));
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.stop();

            if (execution.getStatus() != org.springframework.batch.core.BatchStatus.COMPLETED) {
                System.out.println("lead-score benchmark: the run ended " + execution.getStatus() + ": "
                        + execution.getAllFailureExceptions() + "; no numbers");
                System.exit(1);
            }
            long changed = jdbc.sql("SELECT count(*) FROM crm_sync.contact_changes").query(Long.class).single();
            System.out.println();
            System.out.println("lead-score benchmark");
            System.out.printf("  data             %,d contacts, %,d events, %d tenants (seeded in %.1f s)%n",
                    contacts, events, tenantCount, seedSeconds);
            System.out.printf("  run              %s, concurrency %d, chunk %d%n", execution.getStatus(), concurrency,
                    context.getBean(LeadScoreProperties.class).chunkSize());
            System.out.printf("  wall time        %.2f s%n", seconds);
            System.out.printf("  throughput       %,.0f events/s, %,.0f contacts/s%n", events / seconds,
                    contacts / seconds);
            System.out.printf("  scores changed   %,d%n", changed);
            System.out.printf("  peak heap used   %,d MiB (max heap %,d MiB)%n", sampler.peakUsed() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("  peak live heap   %,d MiB (heap in use right after a GC)%n",
                    sampler.peakAfterGc() >> 20);
        }
        System.exit(0);
    }
}
