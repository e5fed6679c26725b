package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kill -9} of the packaged CLI right after the Salesforce sandbox's token endpoint rotated the connection's
 * refresh token in the middle of a chunk (access tokens live 2 s there, so the run refreshes again and again; every
 * call takes 250 ms, so the chunk commits well after the refresh): the rotated token was already committed on its
 * own, so {@code restart} opens the connection and finishes, and later runs work. (Before, the token was saved in the
 * chunk's transaction and died with it: every later run failed {@code invalid_grant}.)
 */
class TokenRefreshKillAndRestartIT {

    private static final int CONTACTS = 1500;
    private static final String TOKEN_ROUTE = "POST /services/oauth2/token";

    @Test
    void aRunKilledRightAfterARefreshTokenRotatedRestartsWithTheRotatedToken() throws Exception {
        try (SandboxProcess sandbox = SandboxProcess.start("token-refresh-kill", CONTACTS, "--token-ttl-s", "2",
                "--latency-ms", "250")) {
            // given: tenant acme connected to the sandbox's Salesforce by OAuth, its tokens refreshed once
            JsonNode salesforce = sandbox.salesforce();
            TestDatabase.Database db = TestDatabase.create("token_refresh_killed");
            DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
            Flyway.configure().dataSource(dataSource)
                    .locations("classpath:db/migration/common", "classpath:db/migration/platform").load().migrate();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('acme', 'Acme')").update();
            sandbox.cli(db, "connections", "add", "--tenant", "acme", "--crm", "salesforce", "--account",
                    salesforce.get("organizationId").asString(), "--base-url",
                    salesforce.get("instanceUrl").asString(), "--client-id", salesforce.get("clientId").asString(),
                    "--client-secret=" + salesforce.get("clientSecret").asString(),
                    "--refresh-token=" + salesforce.get("refreshToken").asString());
            sandbox.cli(db, "connections", "test", "1");

            // when: the packaged CLI syncs contacts, 20 per chunk, a CRM page of 40 read in every other chunk
            ProcessBuilder builder = new ProcessBuilder(SandboxProcess.java(),
                    "-Dcrmsync.contact-sync.chunk-size=20", "-Dcrmsync.contact-sync.page-size=40",
                    "-Dcrmsync.credentials.keyset-file=" + sandbox.keyset,
                    "-jar", SandboxProcess.jar().toString(), "run", "contact-sync")
                    .redirectErrorStream(true).redirectOutput(sandbox.dir.resolve("child.log").toFile());
            builder.environment().putAll(db.environment());
            long refreshesBefore = refreshes(salesforce);
            Process child = builder.start();

            // and it is killed right after the token endpoint answered a refresh made during a chunk: the rotated
            // token is committed at once, before the chunk's retried call (250 ms of CRM latency) even returns
            ChildRun.awaitCommittedChunks(jdbc, child, "contactInboundConnectionStep", 2);
            long refreshed = awaitRefresh(salesforce, child, refreshesBefore);
            boolean stored = awaitStoredVersion(jdbc, 2 + refreshed, Duration.ofMillis(180));
            child.destroyForcibly();
            assertThat(stored).as("the rotated token was committed within 180 ms of the CRM's answer").isTrue();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long executionId = ChildRun.lastExecutionId(jdbc);
            assertThat(ChildRun.status(jdbc, executionId)).isEqualTo("STARTED");

            // then: restart opens the connection with the rotated token and completes the run
            sandbox.cli(db, "restart", Long.toString(executionId));
            assertThat(ChildRun.status(jdbc, ChildRun.lastExecutionId(jdbc))).isEqualTo("COMPLETED");
            long linked = links(jdbc);
            assertThat(linked).isGreaterThanOrEqualTo(CONTACTS);
            assertThat(jdbc.sql("SELECT status FROM crm_sync.connections WHERE id = 1").query(String.class).single())
                    .isEqualTo("active");

            // and later runs work too, finding everything linked already
            sandbox.cli(db, "run", "contact-sync");
            sandbox.cli(db, "connections", "test", "1");
            assertThat(links(jdbc)).isEqualTo(linked);
        }
    }

    private static long links(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM crm_sync.record_links WHERE pm_entity = 'contact'").query(Long.class)
                .single();
    }

    private static JsonNode stats(JsonNode salesforce) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(salesforce.get("instanceUrl").asString() + "/_sandbox/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonMapper.builder().build().readTree(response.body());
    }

    /** Refreshes the sandbox's token endpoint granted so far. */
    private static long refreshes(JsonNode salesforce) throws Exception {
        JsonNode route = stats(salesforce).get("requests").get(TOKEN_ROUTE);
        return route == null || route.get("200") == null ? 0 : route.get("200").asLong();
    }

    /** Waits for a refresh after the child's first one; returns how many the sandbox granted since {@code before}. */
    private static long awaitRefresh(JsonNode salesforce, Process child, long before) throws Exception {
        long seen = refreshes(salesforce);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as("the child must still be running").isTrue();
            long now = refreshes(salesforce);
            if (now > seen && now - before >= 2) {
                return now - before;
            }
            seen = Math.max(seen, now);
            Thread.sleep(5);
        }
        throw new AssertionError("the child refreshed no token mid-run within 60 s");
    }

    /**
     * Waits up to {@code within} for the credentials row to reach {@code version} (each save bumps it), that is for
     * the refresh to be committed; whether it did.
     */
    private static boolean awaitStoredVersion(JdbcClient jdbc, long version, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (jdbc.sql("SELECT version FROM crm_sync.credentials WHERE connection_id = 1").query(Long.class)
                .single() < version) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }
}
