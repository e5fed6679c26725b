package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operators see each connection's health and last sync in {@code connections list}, and page and filter the
 * activity log with {@code audit list}, including the changes the CLI itself made (actor {@code cli:<OS user>}).
 */
class MonitoringCliIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Map<String, Object> properties;
    private static JdbcClient jdbc;
    private static long active;
    private static long paused;

    record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void database() throws Exception {
        TestDatabase.Database db = TestDatabase.create("monitoring_cli");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/platform").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('acme', 'Acme'), ('globex', 'Globex')").update();
        active = jdbc.sql("INSERT INTO crm_sync.connections (tenant_id, crm, account_ref) VALUES ('acme', 'hubspot', "
                + "'hub-1') RETURNING id").query(Long.class).single();
        paused = jdbc.sql("INSERT INTO crm_sync.connections (tenant_id, crm, account_ref, status) VALUES ('acme', "
                + "'pipedrive', 'pd-1', 'disabled') RETURNING id").query(Long.class).single();
        properties = new HashMap<>(db.springProperties());
        properties.put("crmsync.credentials.keyset-file",
                Files.createTempDirectory("monitoring-cli").resolve("keyset.json").toString());
        properties.put("crmsync.credentials.generate-missing", "true");
    }

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CrmSyncCli.execute(args, properties, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void connectionsListShowsHealthAndLastSync() {
        Result table = cli("connections", "list", "--tenant", "acme");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("HEALTH", "LAST SYNC", "HEALTHY", "PAUSED", "never");

        Result json = cli("connections", "list", "--tenant", "acme", "--json");
        JsonNode array = JSON.readTree(json.out());
        assertThat(array.size()).isEqualTo(2);
        assertThat(array.get(0).path("id").asLong()).isEqualTo(active);
        assertThat(array.get(0).path("health").asString()).isEqualTo("HEALTHY");
        assertThat(array.get(0).has("lastSync")).isTrue();
        assertThat(array.get(0).path("lastSync").isNull()).isTrue();
        assertThat(array.get(1).path("health").asString()).isEqualTo("PAUSED");
    }

    @Test
    void auditListPagesAndFiltersTheActivityLogIncludingTheCliOwnChanges() {
        long error = jdbc.sql("""
                INSERT INTO crm_sync.sync_errors (tenant_id, connection_id, job_name, record_key, reason)
                VALUES ('globex', NULL, 'contact-sync', 'x', 'r') RETURNING id""").query(Long.class).single();
        long connectionError = jdbc.sql("""
                INSERT INTO crm_sync.sync_errors (tenant_id, connection_id, job_name, record_key, reason)
                VALUES ('acme', :c, 'contact-sync', 'hubspot:contact:5', 'email is not an e-mail address')
                RETURNING id""").param("c", active).query(Long.class).single();
        for (int i = 0; i < 3; i++) {
            jdbc.sql("INSERT INTO crm_sync.sync_audit (tenant_id, connection_id, job_name, action, record_count) "
                    + "VALUES ('acme', :c, 'contact-sync', 'inbound', :n)").param("c", active).param("n", i).update();
        }
        assertThat(cli("errors", "ignore", Long.toString(connectionError), Long.toString(error)).exitCode()).isZero();

        Result mine = cli("audit", "list", "--actor", "people", "--json");
        assertThat(mine.exitCode()).as(mine.err()).isZero();
        JsonNode page = JSON.readTree(mine.out());
        assertThat(page.path("total").asLong()).isEqualTo(1);
        JsonNode ignored = page.path("entries").get(0);
        assertThat(ignored.path("action").asString()).isEqualTo("sync-errors.ignored");
        assertThat(ignored.path("actor").asString()).startsWith("cli:");
        assertThat(ignored.path("connectionId").asLong()).isEqualTo(active);

        JsonNode second = JSON.readTree(cli("audit", "list", "--tenant", "acme", "--connection",
                Long.toString(active), "--action", "inbound", "--limit", "2", "--page", "1", "--json").out());
        assertThat(second.path("total").asLong()).isEqualTo(3);
        assertThat(second.path("entries").size()).isEqualTo(1);
        assertThat(second.path("entries").get(0).path("recordCount").asInt()).isZero();

        Result table = cli("audit", "list", "--tenant", "acme");
        assertThat(table.out()).contains("ACTOR", "ACTION", "sync-errors.ignored", "inbound", "page 0, 4 of 4");
        assertThat(cli("audit", "list", "--tenant", "globex", "--json").out()).contains("\"total\":0");
        Result bad = cli("audit", "list", "--limit", "0");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(bad.err()).contains("--limit");
    }
}
