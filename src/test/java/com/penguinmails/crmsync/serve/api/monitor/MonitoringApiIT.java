package com.penguinmails.crmsync.serve.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.store.SyncAuditStore;
import com.penguinmails.crmsync.testing.ApiTokens;
import com.penguinmails.crmsync.testing.ServeApp;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monitoring API's JSON on a running {@code crm-sync serve}: connections' health scoped to the caller's tenant
 * (an operator sees all), error groups and retry/ignore audited with the caller, activity buckets and the audit log;
 * another tenant's connection is a 404 and bad query values a 400 naming the parameter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ALICE = ApiTokens.user("alpha", "alice");
    private static final String BOB = ApiTokens.user("beta", "bob");
    private static final String OPS = ApiTokens.operator("ops-1");

    private ServeApp app;
    private JdbcClient jdbc;
    private long alpha;
    private long beta;

    @BeforeAll
    void start() {
        app = ServeApp.start(TestDatabase.create("monitor-api"), Map.of());
        jdbc = app.bean(JdbcClient.class);
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('alpha', 'Alpha'), ('beta', 'Beta')").update();
        alpha = connection("alpha", "active");
        beta = connection("beta", "disabled");
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private long connection(String tenant, String status) {
        return jdbc.sql("""
                        INSERT INTO crm_sync.connections (tenant_id, crm, account_ref, status, settings)
                        VALUES (:t, 'pipedrive', :t || '-' || :s, :s, '{"syncFrequency": "15m"}') RETURNING id""")
                .param("t", tenant).param("s", status).query(Long.class).single();
    }

    private long error(long connection, String tenant, String key, String reason) {
        return jdbc.sql("""
                        INSERT INTO crm_sync.sync_errors (tenant_id, connection_id, job_name, record_key, reason)
                        VALUES (:t, :c, 'contact-sync', :k, :r) RETURNING id""")
                .param("t", tenant).param("c", connection).param("k", key).param("r", reason)
                .query(Long.class).single();
    }

    private JsonNode ok(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static List<Long> ids(JsonNode array) {
        return array.valueStream().map(n -> n.path("id").asLong()).toList();
    }

    @Test
    void connectionsAreListedForTheCallersTenantAndAnOperatorSeesAll() {
        assertThat(ids(ok(app.get("/api/v1/connections", ALICE)))).containsExactly(alpha);
        assertThat(ids(ok(app.get("/api/v1/connections", OPS)))).contains(alpha, beta);
        assertThat(ids(ok(app.get("/api/v1/connections?tenant=beta", OPS)))).containsExactly(beta);
        assertThat(app.get("/api/v1/connections?tenant=beta", ALICE).statusCode()).isEqualTo(404);

        JsonNode one = ok(app.get("/api/v1/connections/" + alpha, ALICE));
        assertThat(one.path("tenantId").asString()).isEqualTo("alpha");
        assertThat(one.path("crm").asString()).isEqualTo("pipedrive");
        assertThat(one.path("health").asString()).isEqualTo("HEALTHY");
        assertThat(one.path("frequency").asString()).isEqualTo("EVERY_15_MINUTES");
        assertThat(one.path("apiUsage").path("allocation").asDouble()).isEqualTo(0.8);
        assertThat(one.path("oauth").path("kind").asString()).isEqualTo("none");
        assertThat(one.has("nextSync")).isTrue();
        assertThat(ok(app.get("/api/v1/connections/" + beta, OPS)).path("health").asString()).isEqualTo("PAUSED");
        assertThat(app.get("/api/v1/connections/" + beta, ALICE).statusCode()).isEqualTo(404);
        assertThat(app.get("/api/v1/connections/987654", OPS).statusCode()).isEqualTo(404);
    }

    @Test
    void errorsAreGroupedAndRetriedOrIgnoredWithTheCallerInTheAudit() {
        long bad1 = error(alpha, "alpha", "pipedrive:person:1", "email is not an e-mail address");
        long bad2 = error(alpha, "alpha", "pipedrive:person:2", "email is not an e-mail address");
        long refused = error(alpha, "alpha", "pipedrive:person:3", "could not be written: the CRM refused it: x");
        long betas = error(beta, "beta", "pipedrive:person:4", "email is not an e-mail address");

        JsonNode groups = ok(app.get("/api/v1/connections/" + alpha + "/errors", ALICE));
        assertThat(groups.get(0).path("reason").asString()).isEqualTo("invalid_email");
        assertThat(groups.get(0).path("count").asLong()).isEqualTo(2);
        assertThat(ids(groups.get(0).path("examples"))).containsExactlyInAnyOrder(bad1, bad2);
        assertThat(app.get("/api/v1/connections/" + beta + "/errors", ALICE).statusCode()).isEqualTo(404);

        // neither ids nor reason: refused, nothing changed
        HttpResponse<String> neither = app.send("POST", "/api/v1/connections/" + alpha + "/errors/ignore", ALICE,
                "{}");
        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat(neither.body()).contains("ids");
        // another tenant's connection: 404 before the body is read
        assertThat(app.send("POST", "/api/v1/connections/" + beta + "/errors/ignore", ALICE, "{}").statusCode())
                .isEqualTo(404);

        JsonNode byIds = ok(app.send("POST", "/api/v1/connections/" + alpha + "/errors/ignore", ALICE,
                "{\"ids\": [" + refused + ", " + betas + "]}"));
        assertThat(byIds.path("done").asInt()).isEqualTo(1);
        assertThat(byIds.path("skipped").asInt()).isEqualTo(1);
        JsonNode byReason = ok(app.send("POST", "/api/v1/connections/" + alpha + "/errors/retry", ALICE,
                "{\"reason\": \"invalid_email\"}"));
        assertThat(byReason.path("skipped").asInt()).isEqualTo(2);
        assertThat(byReason.path("notes").toString()).contains("backfill --connection " + alpha);
        assertThat(jdbc.sql("SELECT status FROM crm_sync.sync_errors WHERE id IN (:a, :b) ORDER BY id")
                .param("a", refused).param("b", betas).query(String.class).list()).containsExactly("ignored", "open");

        JsonNode trail = ok(app.get("/api/v1/connections/" + alpha + "/audit?action=sync-errors.", ALICE));
        assertThat(trail.path("total").asLong()).isEqualTo(2);
        assertThat(trail.path("entries").get(0).path("action").asString()).isEqualTo("sync-errors.retried");
        assertThat(trail.path("entries").get(1).path("actor").asString()).isEqualTo("user:alice");
    }

    @Test
    void activityComesInBucketsAndBadValuesNameTheParameter() {
        JsonNode day = ok(app.get("/api/v1/connections/" + alpha + "/activity", ALICE));
        assertThat(day.size()).isEqualTo(24);
        assertThat(day.get(0).has("recordsIn")).isTrue();
        assertThat(ok(app.get("/api/v1/connections/" + alpha + "/activity?hours=6&bucketMinutes=15", ALICE)).size())
                .isEqualTo(24);
        HttpResponse<String> text = app.get("/api/v1/connections/" + alpha + "/activity?hours=many", ALICE);
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(text.body()).contains("hours");
        HttpResponse<String> zero = app.get("/api/v1/connections/" + alpha + "/activity?bucketMinutes=0", ALICE);
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.body()).contains("bucketMinutes");
        assertThat(app.get("/api/v1/connections/" + beta + "/activity", ALICE).statusCode()).isEqualTo(404);
    }

    @Test
    void theAuditLogIsScopedToTheCallersTenantPagedAndFiltered() {
        SyncAuditStore audit = app.bean(SyncAuditStore.class);
        audit.recordChange(Actor.parse("user:carol"), "alpha", alpha, "field-map.changed", Map.of());
        audit.recordChange(Actor.parse("user:dave"), "beta", beta, "field-map.changed", Map.of());

        JsonNode mine = ok(app.get("/api/v1/audit?action=field-map.", ALICE));
        assertThat(mine.path("total").asLong()).isEqualTo(1);
        assertThat(mine.path("entries").get(0).path("tenantId").asString()).isEqualTo("alpha");
        assertThat(ok(app.get("/api/v1/audit?action=field-map.", OPS)).path("total").asLong()).isEqualTo(2);
        assertThat(ok(app.get("/api/v1/audit?action=field-map.&tenant=beta", OPS)).path("entries").get(0)
                .path("actor").asString()).isEqualTo("user:dave");
        assertThat(ok(app.get("/api/v1/audit?actor=user:carol&size=1&page=0", ALICE)).path("size").asInt())
                .isEqualTo(1);
        assertThat(ok(app.get("/api/v1/audit?from=2100-01-01T00:00:00Z", ALICE)).path("total").asLong()).isZero();
        HttpResponse<String> from = app.get("/api/v1/audit?from=yesterday", ALICE);
        assertThat(from.statusCode()).isEqualTo(400);
        assertThat(from.body()).contains("from");
        HttpResponse<String> size = app.get("/api/v1/audit?size=1000", ALICE);
        assertThat(size.statusCode()).isEqualTo(400);
        assertThat(size.body()).contains("size");
        assertThat(app.get("/api/v1/audit?tenant=beta", ALICE).statusCode()).isEqualTo(404);
        assertThat(app.get("/api/v1/connections/" + beta + "/audit", ALICE).statusCode()).isEqualTo(404);
    }
}
