package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CRM sandboxes in their own process ({@code crm-sync sandbox}), so a job in another process can be killed while
 * they keep what it wrote; and databases with tenant {@code acme} connected to the sandbox's HubSpot.
 */
final class SandboxProcess implements AutoCloseable {

    private final Process process;
    private final JsonNode info;
    final Path dir;
    final String keyset;

    private SandboxProcess(Process process, JsonNode info, Path dir) {
        this.process = process;
        this.info = info;
        this.dir = dir;
        this.keyset = dir.resolve("keyset.json").toString();
    }

    static SandboxProcess start(String purpose, int seedContacts) throws Exception {
        return start(purpose, seedContacts, new String[0]);
    }

    /** As {@link #start(String, int)}, with more {@code crm-sync sandbox} options ({@code --token-ttl-s 2} ...). */
    static SandboxProcess start(String purpose, int seedContacts, String... options) throws Exception {
        Path dir = Files.createTempDirectory(purpose);
        Path info = dir.resolve("sandboxes.json");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(java(), "-jar", jar().toString(),
                "sandbox", "--seed-contacts", Integer.toString(seedContacts), "--info-file", info.toString()));
        command.addAll(java.util.List.of(options));
        Process sandbox = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("sandbox.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonMapper json = JsonMapper.builder().build();
        while (true) {
            // the file may be seen while the child is still writing it: only a whole JSON document counts
            if (Files.exists(info) && Files.size(info) > 0) {
                try {
                    return new SandboxProcess(sandbox, json.readTree(Files.readString(info)), dir);
                } catch (tools.jackson.core.JacksonException partial) {
                    if (System.nanoTime() > deadline) {
                        throw partial;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the sandbox process wrote no info file within 60 s; see "
                        + dir.resolve("sandbox.log"));
            }
            Thread.sleep(100);
        }
    }

    static Path jar() {
        return Path.of(System.getProperty("crmsync.jar", "target/crm-sync.jar"));
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    JsonNode hubspot() {
        return info.get("hubspot");
    }

    JsonNode salesforce() {
        return info.get("salesforce");
    }

    JsonNode pipedrive() {
        return info.get("pipedrive");
    }

    /**
     * Starts the packaged CLI on {@code db} in a child JVM with this sandbox's keyset, its standard output and error
     * going to {@code log}.
     */
    Process child(TestDatabase.Database db, Path log, String... args) throws java.io.IOException {
        return child(db, keyset, log, args);
    }

    /** As {@link #child(TestDatabase.Database, Path, String...)}, with the keyset file {@code keyset}. */
    static Process child(TestDatabase.Database db, String keyset, Path log, String... args) throws java.io.IOException {
        return child(db.environment(), keyset, log, args);
    }

    /** As {@link #child(TestDatabase.Database, String, Path, String...)}, with the child's environment {@code env}. */
    static Process child(Map<String, String> env, String keyset, Path log, String... args) throws java.io.IOException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(java(),
                "-Dcrmsync.credentials.keyset-file=" + keyset, "-Dcrmsync.credentials.generate-missing=true",
                "-jar", jar().toString()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** A migrated database whose tenant {@code acme} is connected to the sandbox's HubSpot (connection 1). */
    TestDatabase.Database databaseWithHubSpot(String name) {
        TestDatabase.Database db = TestDatabase.create(name);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/platform").load().migrate();
        JdbcClient.create(dataSource).sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('acme', 'Acme')").update();
        cli(db, "connections", "add", "--tenant", "acme", "--crm", "hubspot",
                "--api-token=" + hubspot().get("privateAppToken").asString(), "--base-url",
                hubspot().get("baseUrl").asString());
        return db;
    }

    /** Runs the CLI in this JVM on {@code db}; asserts it exits 0. */
    void cli(TestDatabase.Database db, String... args) {
        StringWriter out = new StringWriter();
        int code = CrmSyncCli.execute(args, properties(db), new PrintWriter(out), new PrintWriter(out));
        assertThat(code).as("%s", out).isZero();
    }

    Map<String, Object> properties(TestDatabase.Database db) {
        return properties(db, keyset);
    }

    /** Spring properties of a CLI run in this JVM on {@code db} with the keyset file {@code keyset}. */
    static Map<String, Object> properties(TestDatabase.Database db, String keyset) {
        Map<String, Object> properties = new HashMap<>(db.springProperties());
        properties.put("crmsync.credentials.keyset-file", keyset);
        properties.put("crmsync.credentials.generate-missing", "true");
        return properties;
    }

    static JdbcClient jdbc(TestDatabase.Database db) {
        return JdbcClient.create(new DriverManagerDataSource(db.url(), db.username(), db.password()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
