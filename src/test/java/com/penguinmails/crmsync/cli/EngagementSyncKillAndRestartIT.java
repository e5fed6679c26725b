package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * engagement-sync killed with {@code kill -9} mid-partition and restarted, the HubSpot sandbox in its own process:
 * every e-mail ends on the timeline exactly once, as the uninterrupted part and the restart together logged it.
 */
class EngagementSyncKillAndRestartIT {

    private static final int CONTACTS = 300;
    private static final int EMAILS_PER_CONTACT = 8;

    @Test
    void aKilledEngagementSyncResumesAndLeavesOneActivityPerEmail() throws Exception {
        try (SandboxProcess sandbox = SandboxProcess.start("engagement-sync-kill", CONTACTS)) {
            // given: the tenant's HubSpot contacts linked by contact-sync, and eight e-mails each, sent and opened
            TestDatabase.Database db = sandbox.databaseWithHubSpot("engagement_sync_killed");
            sandbox.cli(db, "run", "contact-sync");
            JdbcClient jdbc = SandboxProcess.jdbc(db);
            long campaign = jdbc.sql("INSERT INTO penguinmails.campaigns (tenant_id, name, subject) "
                    + "VALUES ('acme', 'Autumn', 'Autumn news') RETURNING id").query(Long.class).single();
            jdbc.sql("""
                    INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, campaign_id, message_id,
                                                                event_type, occurred_at)
                    SELECT 'acme', c.id, :campaign, 'msg-' || c.id || '-' || n, t.type,
                           now() - interval '2 hours' + (CASE t.type WHEN 'open' THEN interval '5 minutes'
                                                         ELSE interval '0' END)
                    FROM penguinmails.contacts c, generate_series(1, :emails) AS n,
                         (VALUES ('sent'), ('open')) AS t(type)
                    WHERE c.tenant_id = 'acme'
                    ORDER BY n, c.id, t.type DESC""")
                    .param("campaign", campaign).param("emails", EMAILS_PER_CONTACT).update();
            int emails = CONTACTS * EMAILS_PER_CONTACT;

            // when: the packaged CLI logs them, 20 e-mails per chunk, and is killed mid-partition
            ProcessBuilder builder = new ProcessBuilder(SandboxProcess.java(),
                    "-Dcrmsync.engagement-sync.chunk-size-per-crm.hubspot=20",
                    "-Dcrmsync.credentials.keyset-file=" + sandbox.keyset,
                    "-jar", SandboxProcess.jar().toString(), "run", "engagement-sync")
                    .redirectErrorStream(true).redirectOutput(sandbox.dir.resolve("child.log").toFile());
            builder.environment().putAll(db.environment());
            Process child = builder.start();
            ChildRun.awaitCommittedChunks(jdbc, child, "engagementSyncConnectionStep", 3);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long executionId = ChildRun.lastExecutionId(jdbc);
            assertThat(ChildRun.status(jdbc, executionId)).isEqualTo("STARTED");
            long loggedBeforeTheKill = jdbc.sql("SELECT count(*) FROM crm_sync.activity_links").query(Long.class)
                    .single();
            assertThat(loggedBeforeTheKill).isBetween(60L, emails - 1L);

            // and it is restarted
            sandbox.cli(db, "restart", Long.toString(executionId));

            // then: every e-mail is logged once, HubSpot holds exactly that many emails, nothing waits
            // (the killed execution was recovered as FAILED and resumed by a new execution of the same instance)
            assertThat(ChildRun.status(jdbc, ChildRun.lastExecutionId(jdbc))).isEqualTo("COMPLETED");
            assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.activity_links WHERE content_hash IS NOT NULL")
                    .query(Long.class).single()).isEqualTo(emails);
            assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.activity_backlog").query(Long.class).single()).isZero();
            JsonNode records = stats(sandbox).get("records");
            assertThat(records.get("emails").asLong()).isEqualTo(emails);
            // each email associated with its contact once
            assertThat(records.get("associations").asLong()).isGreaterThanOrEqualTo(emails);
            List<String> keys = jdbc.sql("SELECT activity_key FROM crm_sync.activity_links ORDER BY 1")
                    .query(String.class).list();
            assertThat(keys).doesNotHaveDuplicates().allMatch(k -> k.startsWith("pm-m-msg-"));
        }
    }

    private static JsonNode stats(SandboxProcess sandbox) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.hubspot().get("baseUrl").asString() + "/_sandbox/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonMapper.builder().build().readTree(response.body());
    }
}
