package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * contact-sync killed with {@code kill -9} mid-partition and restarted: the CRM sandbox runs in its own process
 * ({@code crm-sync sandbox}), the job in another; the end state equals an uninterrupted run's, with no duplicates.
 */
class ContactSyncKillAndRestartIT {

    private static final int CONTACTS = 3000;

    @Test
    void aKilledContactSyncResumesToTheStateOfAnUninterruptedRun() throws Exception {
        Path dir = Files.createTempDirectory("contact-sync-kill");
        Path jar = Path.of(System.getProperty("crmsync.jar", "target/crm-sync.jar"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path info = dir.resolve("sandboxes.json");
        Process sandbox = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "sandbox", "--seed-contacts",
                Integer.toString(CONTACTS), "--info-file", info.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sandbox.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!(Files.exists(info) && Files.size(info) > 0) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            JsonNode hubspot = JsonMapper.builder().build().readTree(Files.readString(info)).get("hubspot");
            String keyset = dir.resolve("keyset.json").toString();

            // given: a tenant connected to the sandbox's HubSpot, in two databases
            TestDatabase.Database killed = prepared("contact_sync_killed", hubspot, keyset);
            TestDatabase.Database reference = prepared("contact_sync_reference", hubspot, keyset);

            // when: the packaged CLI syncs, 20 records per chunk, and is killed mid-partition
            List<String> command = new ArrayList<>(List.of(java.toString(), "-Dcrmsync.contact-sync.chunk-size=20",
                    "-Dcrmsync.credentials.keyset-file=" + keyset, "-Dcrmsync.credentials.generate-missing=true",
                    "-jar", jar.toString(), "run", "contact-sync"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child.log").toFile());
            builder.environment().putAll(killed.environment());
            Process child = builder.start();
            JdbcClient jdbc = jdbc(killed);
            awaitCommits(jdbc, child);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long executionId = jdbc.sql("SELECT max(job_execution_id) FROM batch_job_execution").query(Long.class).single();
            assertThat(jdbc.sql("SELECT status FROM batch_job_execution WHERE job_execution_id = " + executionId)
                    .query(String.class).single()).isEqualTo("STARTED");

            // and it is restarted; the reference database syncs without interruption
            StringWriter out = new StringWriter();
            assertThat(CrmSyncCli.execute(new String[] {"restart", Long.toString(executionId)}, properties(killed, keyset),
                    new PrintWriter(out), new PrintWriter(out))).as("%s", out).isZero();
            assertThat(CrmSyncCli.execute(new String[] {"run", "contact-sync"}, properties(reference, keyset),
                    new PrintWriter(out), new PrintWriter(out))).as("%s", out).isZero();

            // then: the same contacts as the uninterrupted run, each linked once, and HubSpot holds no duplicates
            assertThat(contacts(jdbc)).hasSize(CONTACTS).isEqualTo(contacts(jdbc(reference)));
            assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.record_links WHERE pm_entity = 'contact'").query(Long.class).single())
                    .isEqualTo(CONTACTS);
            HttpResponse<String> stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(hubspot.get("baseUrl").asString() + "/_sandbox/stats")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(JsonMapper.builder().build().readTree(stats.body()).get("records").get("contacts").asLong())
                    .isEqualTo(CONTACTS);
        } finally {
            sandbox.destroyForcibly();
            sandbox.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static TestDatabase.Database prepared(String name, JsonNode hubspot, String keyset) {
        TestDatabase.Database db = TestDatabase.create(name);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/platform").load().migrate();
        JdbcClient.create(dataSource).sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('acme', 'Acme')").update();
        StringWriter out = new StringWriter();
        int code = CrmSyncCli.execute(new String[] {"connections", "add", "--tenant", "acme", "--crm", "hubspot",
                "--api-token=" + hubspot.get("privateAppToken").asString(), "--base-url",
                hubspot.get("baseUrl").asString()}, properties(db, keyset), new PrintWriter(out), new PrintWriter(out));
        assertThat(code).as("%s", out).isZero();
        return db;
    }

    private static Map<String, Object> properties(TestDatabase.Database db, String keyset) {
        Map<String, Object> properties = new HashMap<>(db.springProperties());
        properties.put("crmsync.credentials.keyset-file", keyset);
        properties.put("crmsync.credentials.generate-missing", "true");
        return properties;
    }

    private static JdbcClient jdbc(TestDatabase.Database db) {
        return JdbcClient.create(new DriverManagerDataSource(db.url(), db.username(), db.password()));
    }

    private static List<String> contacts(JdbcClient jdbc) {
        return jdbc.sql("SELECT lower(email) || '|' || coalesce(first_name, '') || '|' || coalesce(last_name, '') "
                + "|| '|' || coalesce(phone, '') FROM penguinmails.contacts ORDER BY 1").query(String.class).list();
    }

    private static void awaitCommits(JdbcClient jdbc, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as("the child must still be running").isTrue();
            long going = jdbc.sql("""
                            SELECT count(*) FROM batch_step_execution
                            WHERE step_name LIKE 'contactInboundConnectionStep:%' AND status = 'STARTED'
                              AND commit_count >= 3""").query(Long.class).single();
            if (going > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child made no progress within 90 s");
    }
}
