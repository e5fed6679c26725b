package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * Operators list dead letters (never their payloads), ignore them, and queue outbound ones for the next run; inbound
 * ones are explained, not pretended; unknown or closed ids exit 2 and change nothing.
 */
class ErrorsCliIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Map<String, Object> properties;
    private static JdbcClient jdbc;
    private static long connection;

    record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void database() {
        TestDatabase.Database db = TestDatabase.create("errors_cli");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/platform").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('acme', 'Acme'), ('globex', 'Globex')").update();
        connection = jdbc.sql("""
                        INSERT INTO crm_sync.connections (tenant_id, crm, settings) VALUES ('acme', 'hubspot', '{}')
                        RETURNING id""").query(Long.class).single();
        properties = new HashMap<>(db.springProperties());
    }

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CrmSyncCli.execute(args, properties, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private static long contact(String tenant, String email) {
        return jdbc.sql("INSERT INTO penguinmails.contacts (tenant_id, email) VALUES (:t, :e) RETURNING id")
                .param("t", tenant).param("e", email).query(Long.class).single();
    }

    private static long error(String tenant, Long connectionId, String recordKey, String reason) {
        return jdbc.sql("""
                        INSERT INTO crm_sync.sync_errors (tenant_id, connection_id, job_name, job_execution_id,
                                                          record_key, field, reason, payload)
                        VALUES (:t, :c, 'contact-sync', 1, :k, 'email', :r, '{"email": "secret@pii.example"}')
                        RETURNING id""")
                .param("t", tenant).param("c", connectionId, java.sql.Types.BIGINT).param("k", recordKey)
                .param("r", reason).query(Long.class).single();
    }

    private static String status(long id) {
        return jdbc.sql("SELECT status FROM crm_sync.sync_errors WHERE id = :id").param("id", id)
                .query(String.class).single();
    }

    private static long changeSeq(long contactId) {
        return jdbc.sql("SELECT coalesce(max(change_seq), 0) FROM crm_sync.contact_changes WHERE contact_id = :id")
                .param("id", contactId).query(Long.class).single();
    }

    @Test
    void listShowsErrorsByTenantConnectionAndStatusButNeverThePayload() {
        // given
        long inbound = error("acme", connection, "hubspot:contact:901", "email is malformed");
        long other = error("globex", null, "penguinmails:contact:77", "email rejected by the CRM");

        // when
        Result acme = cli("errors", "list", "--tenant", "acme", "--json");
        Result byConnection = cli("errors", "list", "--connection", Long.toString(connection));
        Result table = cli("errors", "list", "--status", "all", "--limit", "50");

        // then
        assertThat(acme.exitCode()).as(acme.err()).isZero();
        JsonNode array = JSON.readTree(acme.out());
        assertThat(array.valueStream().map(n -> n.get("id").asLong())).contains(inbound).doesNotContain(other);
        JsonNode first = array.valueStream().filter(n -> n.get("id").asLong() == inbound).findFirst().orElseThrow();
        assertThat(first.get("recordKey").asString()).isEqualTo("hubspot:contact:901");
        assertThat(first.get("field").asString()).isEqualTo("email");
        assertThat(first.get("attempts").asInt()).isEqualTo(1);
        assertThat(first.get("connection").asLong()).isEqualTo(connection);
        assertThat(first.get("firstSeenAt").asString()).isNotBlank();
        assertThat(byConnection.out()).contains("hubspot:contact:901").doesNotContain("penguinmails:contact:77");
        assertThat(table.out()).contains("ID", "RECORD", "REASON", "email is malformed", "email rejected");
        assertThat(acme.out() + byConnection.out() + table.out()).doesNotContain("secret@pii.example");
        assertThat(cli("errors", "list", "--status", "broken").exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(cli("errors", "list", "--limit", "0").exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
    }

    @Test
    void warningsAreListedWithTheirKindFilteredByKindAndIgnoredLikeErrors() {
        // given: an error and two warnings of one record (one per field)
        long error = error("acme", connection, "hubspot:contact:3001", "email is malformed");
        long phone = warning("hubspot:contact:3002", "phone", "phone is not a possible phone number");
        long title = warning("hubspot:contact:3002", "jobtitle", "jobtitle was cut to 10 characters");

        // when
        JsonNode all = JSON.readTree(cli("errors", "list", "--connection", Long.toString(connection), "--json").out());
        JsonNode warnings = JSON.readTree(cli("errors", "list", "--connection", Long.toString(connection),
                "--kind", "warning", "--json").out());
        Result table = cli("errors", "list", "--connection", Long.toString(connection));

        // then
        assertThat(all.valueStream().filter(n -> n.get("id").asLong() == error).findFirst().orElseThrow()
                .get("kind").asString()).isEqualTo("error");
        assertThat(warnings.valueStream().map(n -> n.get("id").asLong())).containsExactlyInAnyOrder(phone, title);
        assertThat(warnings.valueStream().map(n -> n.get("kind").asString())).containsOnly("warning");
        assertThat(table.out()).contains("KIND", "warning", "cut to 10 characters");
        assertThat(cli("errors", "list", "--kind", "notice").exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);

        // when: an operator ignores one warning
        assertThat(cli("errors", "ignore", Long.toString(title)).exitCode()).isZero();

        // then
        assertThat(status(title)).isEqualTo("ignored");
        assertThat(status(phone)).isEqualTo("open");
    }

    private static long warning(String recordKey, String field, String reason) {
        return jdbc.sql("""
                        INSERT INTO crm_sync.sync_errors (tenant_id, connection_id, job_name, job_execution_id,
                                                          record_key, field, reason, kind)
                        VALUES ('acme', :c, 'contact-sync', 1, :k, :f, :r, 'warning') RETURNING id""")
                .param("c", connection).param("k", recordKey).param("f", field).param("r", reason)
                .query(Long.class).single();
    }

    @Test
    void ignoreClosesOpenErrorsAndUnknownIdsChangeNothing() {
        // given
        long a = error("acme", connection, "hubspot:contact:1001", "lastname is too long");
        long b = error("acme", connection, "hubspot:contact:1002", "lastname is too long");

        // when: one unknown id among known ones
        Result unknown = cli("errors", "ignore", Long.toString(a), "424242");

        // then
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(unknown.err()).contains("424242", "nothing was changed");
        assertThat(status(a)).isEqualTo("open");

        // when
        Result ignored = cli("errors", "ignore", Long.toString(a), Long.toString(b));

        // then
        assertThat(ignored.exitCode()).as(ignored.err()).isZero();
        assertThat(status(a)).isEqualTo("ignored");
        assertThat(status(b)).isEqualTo("ignored");
        assertThat(cli("errors", "list", "--tenant", "acme").out()).doesNotContain("hubspot:contact:1001");
        assertThat(cli("errors", "list", "--status", "ignored").out()).contains("hubspot:contact:1001");
        assertThat(cli("errors", "ignore", Long.toString(a)).out()).contains("already ignored");
        Result retryIgnored = cli("errors", "retry", Long.toString(a));
        assertThat(retryIgnored.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(retryIgnored.err()).contains(a + " is ignored");
        assertThat(cli("errors", "ignore", "not-a-number").exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
    }

    @Test
    void retryQueuesOutboundContactsAndExplainsInboundRecords() {
        // given
        long contact = contact("acme", "retry@acme.example");
        long before = changeSeq(contact);
        long outbound = error("acme", connection, "penguinmails:contact:" + contact, "CRM refused email");
        long gone = error("acme", connection, "penguinmails:contact:999999", "CRM refused email");
        long inbound = error("acme", connection, "hubspot:contact:2001", "email is malformed");

        // when: an unknown id makes the whole command change nothing
        Result unknown = cli("errors", "retry", Long.toString(outbound), "434343");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(changeSeq(contact)).isEqualTo(before);

        // when
        Result retried = cli("errors", "retry", Long.toString(outbound), Long.toString(gone), Long.toString(inbound));

        // then
        assertThat(retried.exitCode()).as(retried.err()).isZero();
        assertThat(changeSeq(contact)).isGreaterThan(before);
        assertThat(jdbc.sql("SELECT 'retry' = ANY(reasons) FROM crm_sync.contact_changes WHERE contact_id = :id")
                .param("id", contact).query(Boolean.class).single()).isTrue();
        assertThat(retried.out()).contains("error " + outbound + " ", "queued: the next contact-sync run sends contact "
                + contact);
        assertThat(retried.out()).contains("error " + gone + " ", "the contact no longer exists");
        assertThat(retried.out()).contains("error " + inbound + " ",
                "not queued: a CRM record is read again when it changes in the CRM, or by 'backfill --connection "
                        + connection + "'");
        assertThat(status(outbound)).isEqualTo("open");
        assertThat(status(inbound)).isEqualTo("open");
    }
}
