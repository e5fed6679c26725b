package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Operators connect, list, pause and disconnect tenants' CRMs; bad input changes nothing and exits 2. */
class ConnectionsCliIT {

    private static TestDatabase.Database db;
    private static Map<String, Object> properties;
    private static JdbcClient jdbc;

    record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void database() throws Exception {
        db = TestDatabase.create("connections_cli");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/platform").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('acme', 'Acme'), ('globex', 'Globex')").update();
        Path keyset = Files.createTempDirectory("connections-cli").resolve("keyset.json");
        properties = new HashMap<>(db.springProperties());
        properties.put("crmsync.credentials.keyset-file", keyset.toString());
        properties.put("crmsync.credentials.generate-missing", "true");
    }

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CrmSyncCli.execute(args, properties, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private static long connections() {
        return jdbc.sql("SELECT count(*) FROM crm_sync.connections").query(Long.class).single();
    }

    @Test
    void anOperatorConnectsPausesAndDisconnectsACrmAndTheSecretsNeverShow() {
        // when: connected by API token and by OAuth
        Result pipedrive = cli("connections", "add", "--tenant", "acme", "--crm", "pipedrive",
                "--api-token=pd-token-0123456789", "--base-url", "http://127.0.0.1:9/api/v2/");
        Result salesforce = cli("connections", "add", "--tenant", "acme", "--crm", "salesforce", "--account",
                "00D000000000001", "--client-id", "sf-client", "--client-secret=sf-secret-xyz",
                "--refresh-token=sf-refresh-abc", "--base-url", "https://acme.my.example");

        // then
        assertThat(pipedrive.exitCode()).as(pipedrive.err()).isZero();
        assertThat(salesforce.exitCode()).as(salesforce.err()).isZero();
        Result list = cli("connections", "list", "--tenant", "acme", "--json");
        assertThat(list.exitCode()).isZero();
        JsonNode array = JsonMapper.builder().build().readTree(list.out());
        assertThat(array.size()).isEqualTo(2);
        JsonNode first = array.get(0);
        assertThat(first.get("id").asLong()).isPositive();
        assertThat(first.get("crm").asString()).isEqualTo("pipedrive");
        assertThat(first.get("status").asString()).isEqualTo("active");
        assertThat(first.get("credentials").asString()).isEqualTo("api_token");
        assertThat(first.get("settings").get("baseUrl").asString()).isEqualTo("http://127.0.0.1:9/api/v2");
        String everything = pipedrive.out() + salesforce.out() + list.out() + list.err();
        assertThat(everything).doesNotContain("pd-token-0123456789", "sf-secret-xyz", "sf-refresh-abc");

        // when: paused, resumed, then disconnected
        long id = first.get("id").asLong();
        Result disabled = cli("connections", "disable", Long.toString(id), "--reason", "tenant asked for a pause");
        Result enabled = cli("connections", "enable", Long.toString(id));
        Result disconnected = cli("connections", "disconnect", Long.toString(id));

        // then
        assertThat(disabled.exitCode()).isZero();
        assertThat(disabled.out()).contains("disabled");
        assertThat(enabled.out()).contains("active");
        assertThat(disconnected.out()).contains("disconnected");
        assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.credentials WHERE connection_id = :id").param("id", id)
                .query(Long.class).single()).isZero();
        assertThat(cli("connections", "enable", Long.toString(id)).exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
    }

    @Test
    void badInputNamesWhatIsWrongAndStoresNothing() {
        long before = connections();
        List<String[]> bad = List.of(
                new String[] {"connections", "add", "--tenant", "nobody", "--crm", "hubspot", "--api-token=t"},
                new String[] {"connections", "add", "--tenant", "acme", "--crm", "zoho", "--api-token=t"},
                new String[] {"connections", "add", "--tenant", "acme", "--crm", "salesforce", "--api-token=t"},
                new String[] {"connections", "add", "--tenant", "acme", "--crm", "hubspot", "--api-token=t",
                        "--base-url", "ftp://x"},
                new String[] {"connections", "add", "--tenant", "acme", "--crm", "hubspot"},
                new String[] {"connections", "add", "--tenant", "acme", "--crm", "hubspot", "--api-token=t",
                        "--client-id", "c", "--client-secret=s", "--refresh-token=r"},
                new String[] {"connections", "disable", "424242"},
                new String[] {"connections", "disconnect", "x"});
        List<String> expected = List.of("nobody", "zoho", "OAuth", "ftp://x", "--api-token", "mutually exclusive",
                "424242", "x");
        for (int i = 0; i < bad.size(); i++) {
            Result result = cli(bad.get(i));
            assertThat(result.exitCode()).as("%s", String.join(" ", bad.get(i))).isEqualTo(ExitCodes.BAD_REQUEST);
            assertThat(result.err()).as("%s", String.join(" ", bad.get(i))).contains(expected.get(i));
        }
        assertThat(connections()).isEqualTo(before);
    }

    @Test
    void anUnknownCrmIsRefusedInOneLineNamingTheRegisteredOnes() {
        Result result = cli("connections", "add", "--tenant", "acme", "--crm", "zoho", "--api-token=t");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(result.err().strip()).isEqualTo("error: --crm: unknown CRM 'zoho'; expected salesforce, hubspot or "
                + "pipedrive");
    }

    @Test
    void aSecondLiveConnectionToTheSameAccountIsRefused() {
        assertThat(cli("connections", "add", "--tenant", "globex", "--crm", "hubspot", "--account", "hub-77",
                "--api-token=a").exitCode()).isZero();
        Result again = cli("connections", "add", "--tenant", "globex", "--crm", "hubspot", "--account", "hub-77",
                "--api-token=b");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(again.err()).contains("already connected");
    }

    @Test
    void rotatingTheKeyKeepsEveryCredentialReadable() {
        // given
        assertThat(cli("connections", "add", "--tenant", "globex", "--crm", "pipedrive", "--account", "globex-pd",
                "--api-token=rot-token").exitCode()).isZero();
        List<String> keysBefore = jdbc.sql("SELECT DISTINCT key_id FROM crm_sync.credentials").query(String.class).list();

        // when
        Result rotation = cli("credentials", "rotate-key");

        // then
        assertThat(rotation.exitCode()).as(rotation.err()).isZero();
        assertThat(rotation.out()).contains("credentials re-encrypted");
        List<String> keysAfter = jdbc.sql("SELECT DISTINCT key_id FROM crm_sync.credentials").query(String.class).list();
        assertThat(keysAfter).hasSize(1).doesNotContainAnyElementsOf(keysBefore);
        assertThat(new String(jdbc.sql("SELECT ciphertext FROM crm_sync.credentials LIMIT 1")
                .query((rs, n) -> rs.getBytes(1)).single(), StandardCharsets.ISO_8859_1)).doesNotContain("rot-token");
    }

    @Test
    void anOperatorChangesAConnectionsSettingsAndABadPairChangesNothing() {
        // given
        assertThat(cli("connections", "add", "--tenant", "globex", "--crm", "hubspot", "--account", "hub-settings",
                "--api-token=s").exitCode()).isZero();
        long id = jdbc.sql("SELECT id FROM crm_sync.connections WHERE account_ref = 'hub-settings'").query(Long.class)
                .single();
        String before = settings(id);

        // when: a good pair and a bad one
        Result bad = cli("connections", "set", Long.toString(id), "activityLogging=per-event", "followUpTasks=maybe");
        Result wrongCrm = cli("connections", "set", Long.toString(id), "activityType=call");
        Result unknown = cli("connections", "set", Long.toString(id), "colour=blue");

        // then: each is refused by name, nothing stored
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(bad.err()).contains("followUpTasks", "maybe");
        assertThat(wrongCrm.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(wrongCrm.err()).contains("activityType", "hubspot");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(unknown.err()).contains("colour");
        assertThat(settings(id)).isEqualTo(before);

        // when: good ones, then one removed
        Result set = cli("connections", "set", Long.toString(id), "activityLogging=per-event", "followUpTasks=false",
                "searchIndexLag=PT5S");
        Result unset = cli("connections", "set", Long.toString(id), "--unset", "followUpTasks");

        // then
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(unset.exitCode()).as(unset.err()).isZero();
        JsonNode stored = JsonMapper.builder().build().readTree(settings(id));
        assertThat(stored.get("activityLogging").asString()).isEqualTo("per-event");
        assertThat(stored.get("searchIndexLag").asString()).isEqualTo("PT5S");
        assertThat(stored.has("followUpTasks")).isFalse();
        // each stored change is audited with the OS user as actor; the refused ones left no audit row
        assertThat(jdbc.sql("SELECT actor FROM crm_sync.sync_audit WHERE connection_id = " + id
                        + " AND action = 'settings.changed' ORDER BY id").query(String.class).list())
                .containsExactly("cli:" + System.getProperty("user.name"), "cli:" + System.getProperty("user.name"));
    }

    private static String settings(long id) {
        return jdbc.sql("SELECT settings::text FROM crm_sync.connections WHERE id = " + id).query(String.class).single();
    }
}
