package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
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
        try (SandboxProcess sandbox = SandboxProcess.start("contact-sync-kill", CONTACTS)) {
            JsonNode hubspot = sandbox.hubspot();

            // given: a tenant connected to the sandbox's HubSpot, in two databases
            TestDatabase.Database killed = sandbox.databaseWithHubSpot("contact_sync_killed");
            TestDatabase.Database reference = sandbox.databaseWithHubSpot("contact_sync_reference");

            // when: the packaged CLI syncs, 20 records per chunk, and is killed mid-partition
            List<String> command = new ArrayList<>(List.of(SandboxProcess.java(),
                    "-Dcrmsync.contact-sync.chunk-size=20", "-Dcrmsync.credentials.keyset-file=" + sandbox.keyset,
                    "-Dcrmsync.credentials.generate-missing=true", "-jar", SandboxProcess.jar().toString(), "run",
                    "contact-sync"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(sandbox.dir.resolve("child.log").toFile());
            builder.environment().putAll(killed.environment());
            Process child = builder.start();
            JdbcClient jdbc = SandboxProcess.jdbc(killed);
            ChildRun.awaitCommittedChunks(jdbc, child, "contactInboundConnectionStep", 3);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long executionId = ChildRun.lastExecutionId(jdbc);
            assertThat(ChildRun.status(jdbc, executionId)).isEqualTo("STARTED");

            // and it is restarted; the reference database syncs without interruption
            sandbox.cli(killed, "restart", Long.toString(executionId));
            sandbox.cli(reference, "run", "contact-sync");

            // then: the same contacts as the uninterrupted run, each linked once, and HubSpot holds no duplicates
            assertThat(contacts(jdbc)).hasSize(CONTACTS).isEqualTo(contacts(SandboxProcess.jdbc(reference)));
            assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.record_links WHERE pm_entity = 'contact'")
                    .query(Long.class).single())
                    .isEqualTo(CONTACTS);
            HttpResponse<String> stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(hubspot.get("baseUrl").asString() + "/_sandbox/stats")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(JsonMapper.builder().build().readTree(stats.body()).get("records").get("contacts").asLong())
                    .isEqualTo(CONTACTS);
        }
    }

    private static List<String> contacts(JdbcClient jdbc) {
        return jdbc.sql("SELECT lower(email) || '|' || coalesce(first_name, '') || '|' || coalesce(last_name, '') "
                + "|| '|' || coalesce(phone, '') FROM penguinmails.contacts ORDER BY 1").query(String.class).list();
    }
}
