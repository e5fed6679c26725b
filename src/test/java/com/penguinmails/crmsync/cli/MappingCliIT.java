package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.mapping.ConnectionFieldMaps;
import com.penguinmails.crmsync.mapping.Direction;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldRule;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.store.FieldMappingStore;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operators read and override a connection's field map and check it against the CRM (the HubSpot sandbox); bad
 * rules exit 2 and store nothing, and the sync job's maps include what was set.
 */
class MappingCliIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static HubSpotSandbox hubspot;
    private static Map<String, Object> properties;
    private static JdbcClient jdbc;

    record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void database() throws Exception {
        TestDatabase.Database db = TestDatabase.create("mapping_cli");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/platform").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('acme', 'Acme')").update();
        properties = new HashMap<>(db.springProperties());
        properties.put("crmsync.credentials.keyset-file",
                Files.createTempDirectory("mapping-cli").resolve("keyset.json").toString());
        properties.put("crmsync.credentials.generate-missing", "true");
        hubspot = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(1));
    }

    @AfterAll
    static void stop() {
        hubspot.close();
    }

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CrmSyncCli.execute(args, properties, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** A fresh HubSpot connection to the sandbox, for a test of its own. */
    private static String connect(String account) {
        Result added = cli("connections", "add", "--tenant", "acme", "--crm", "hubspot", "--account", account,
                "--api-token=" + hubspot.info().get("privateAppToken"),
                "--base-url", hubspot.info().get("baseUrl").toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        return added.out().replaceAll("(?s)^connection (\\d+):.*", "$1");
    }

    private static JsonNode show(String connection, String... more) {
        String[] args = new String[4 + more.length];
        System.arraycopy(new String[] {"mapping", "show", "--connection", connection}, 0, args, 0, 4);
        System.arraycopy(more, 0, args, 4, more.length);
        Result shown = cli(args);
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        return JSON.readTree(shown.out());
    }

    private static JsonNode rule(JsonNode map, String id) {
        for (JsonNode rule : map) {
            if (rule.get("id").asString().equals(id)) {
                return rule;
            }
        }
        return null;
    }

    private static long overrides() {
        return jdbc.sql("SELECT count(*) FROM crm_sync.field_mappings").query(Long.class).single();
    }

    @Test
    void showPrintsTheDefaultMapOfTheConnectionsCrm() {
        // given
        String connection = connect("hub-show");

        // when
        JsonNode map = show(connection, "--json");
        Result table = cli("mapping", "show", "--connection", connection, "--object", "company");

        // then
        JsonNode phone = rule(map, "CONTACT:phone");
        assertThat(phone.get("pmField").asString()).isEqualTo("phone");
        assertThat(phone.get("direction").asString()).isEqualTo("both");
        assertThat(phone.get("transforms").toString()).contains("trim", "e164:US");
        assertThat(phone.get("source").asString()).isEqualTo("default");
        assertThat(rule(map, "COMPANY:domain")).isNotNull();
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains("SOURCE", "domain", "company_domain").doesNotContain("firstname");
    }

    @Test
    void anOverrideChangesTheMapTheJobSyncsWithAndUnsetRestoresTheDefault() {
        // given
        String connection = connect("hub-set");

        // when: a default rule is replaced and a HubSpot property is added
        Result replaced = cli("mapping", "set", "--connection", connection, "--object", "CONTACT",
                "--crm-field", "phone", "--pm-field", "phone", "--direction", "in", "--policy", "CRM_WINS",
                "--transform", "trim", "--transform", "e164:DE");
        Result added = cli("mapping", "set", "--connection", connection, "--object", "contact",
                "--crm-field", "hs_lead_status", "--pm-field", "custom.lead_status",
                "--transform", "{picklist: {NEW: new, OPEN: open}}");

        // then
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("CONTACT.hs_lead_status -> custom.lead_status", "mapping validate");
        JsonNode map = show(connection, "--json", "--object", "CONTACT");
        assertThat(rule(map, "CONTACT:phone").get("source").asString()).isEqualTo("override");
        assertThat(rule(map, "CONTACT:phone").get("direction").asString()).isEqualTo("in");
        assertThat(rule(map, "CONTACT:phone").get("transforms").toString()).contains("e164:DE");
        assertThat(rule(map, "CONTACT:hs_lead_status").get("source").asString()).isEqualTo("added");
        assertThat(rule(map, "CONTACT:email").get("source").asString()).isEqualTo("default");

        Connection c = new ConnectionStore(jdbc).find(Long.parseLong(connection)).orElseThrow();
        FieldMap used = new ConnectionFieldMaps(new FieldMappingStore(jdbc)).forConnection(c).get(ObjectType.CONTACT);
        FieldRule status = used.forPmField("custom.lead_status").orElseThrow();
        assertThat(status.crmField()).isEqualTo("hs_lead_status");
        assertThat(status.inbound().apply("OPEN")).isEqualTo("open");
        assertThat(status.outbound().apply("new")).isEqualTo("NEW");
        FieldRule phone = used.forPmField("phone").orElseThrow();
        assertThat(phone.direction()).isEqualTo(Direction.IN);
        assertThat(phone.inbound().apply("030 1234567")).isEqualTo("+49301234567");
        assertThat(used.rules().stream().filter(r -> r.crmField().equals("phone"))).hasSize(1);

        // when: the override of phone is removed
        Result unset = cli("mapping", "unset", "--connection", connection, "--object", "CONTACT",
                "--crm-field", "phone");

        // then
        assertThat(unset.exitCode()).as(unset.err()).isZero();
        JsonNode after = show(connection, "--json");
        assertThat(rule(after, "CONTACT:phone").get("source").asString()).isEqualTo("default");
        assertThat(rule(after, "CONTACT:phone").get("direction").asString()).isEqualTo("both");
        assertThat(rule(after, "CONTACT:hs_lead_status")).isNotNull();
        Result again = cli("mapping", "unset", "--connection", connection, "--object", "CONTACT",
                "--crm-field", "phone");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(again.err()).contains("no override of CONTACT.phone");
        // the two sets and the unset are audited as the OS user at this command line; the refused unset is not
        assertThat(jdbc.sql("SELECT actor || ' ' || (details->'removed')::text FROM crm_sync.sync_audit "
                        + "WHERE connection_id = " + connection + " AND action = 'field-map.changed' ORDER BY id")
                .query(String.class).list()).containsExactly("cli:" + System.getProperty("user.name") + " []",
                "cli:" + System.getProperty("user.name") + " []",
                "cli:" + System.getProperty("user.name") + " [\"CONTACT:phone\"]");
    }

    @Test
    void aBadRuleNamesWhatIsWrongAndStoresNothing() {
        String connection = connect("hub-bad");
        long before = overrides();
        List<String[]> bad = List.of(
                new String[] {"--object", "CONTACT", "--crm-field", "phone", "--pm-field", "telephone"},
                new String[] {"--object", "CONTACT", "--crm-field", "phone", "--pm-field", "phone",
                        "--transform", "trim", "--transform", "soundex"},
                new String[] {"--object", "CONTACT", "--crm-field", "phone", "--pm-field", "phone",
                        "--transform", "max-length:zero"},
                new String[] {"--object", "CONTACT", "--crm-field", "phone", "--pm-field", "phone",
                        "--direction", "sideways"},
                new String[] {"--object", "CONTACT", "--crm-field", "phone", "--pm-field", "phone",
                        "--policy", "LOUDEST_WINS"},
                new String[] {"--object", "LEAD", "--crm-field", "phone", "--pm-field", "phone"},
                new String[] {"--object", "PERSON", "--crm-field", "phone", "--pm-field", "phone"},
                new String[] {"--object", "CONTACT", "--crm-field", "phone", "--pm-field", "phone",
                        "--transform", "{picklist: [a, b"});
        List<String> expected = List.of("CONTACT.phone: unknown PenguinMails field 'telephone'",
                "CONTACT.phone: unknown transform 'soundex'", "max-length", "sideways", "LOUDEST_WINS", "LEAD",
                "PERSON", "--transform");
        for (int i = 0; i < bad.size(); i++) {
            String[] args = java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("mapping", "set", "--connection", connection),
                    java.util.Arrays.stream(bad.get(i))).toArray(String[]::new);
            Result result = cli(args);
            assertThat(result.exitCode()).as("%s", String.join(" ", args)).isEqualTo(ExitCodes.BAD_REQUEST);
            assertThat(result.err()).as("%s", String.join(" ", args)).contains(expected.get(i));
        }
        Result noConnection = cli("mapping", "set", "--connection", "424242", "--object", "CONTACT",
                "--crm-field", "phone", "--pm-field", "phone");
        assertThat(noConnection.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(noConnection.err()).contains("424242");
        assertThat(overrides()).isEqualTo(before);
    }

    @Test
    void setRefusesAPropertyHubSpotDoesNotHaveAndStoresNothing() {
        // given
        String connection = connect("hub-unknown");
        long before = overrides();

        // when
        Result unknown = cli("mapping", "set", "--connection", connection, "--object", "CONTACT",
                "--crm-field", "no_such_property", "--pm-field", "custom.nothing");
        Result readOnlyOut = cli("mapping", "set", "--connection", connection, "--object", "CONTACT",
                "--crm-field", "createdate", "--pm-field", "custom.created", "--direction", "both");

        // then
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(unknown.err()).contains("CONTACT.no_such_property does not exist on", "nothing was stored");
        assertThat(readOnlyOut.exitCode()).as(readOnlyOut.out()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(readOnlyOut.err()).contains("CONTACT.createdate is read-only", "nothing was stored");
        assertThat(overrides()).isEqualTo(before);
        assertThat(cli("mapping", "set", "--connection", connection, "--object", "CONTACT", "--crm-field",
                "createdate", "--pm-field", "custom.created", "--direction", "in").exitCode()).isZero();
    }

    @Test
    void validateChecksTheMapAgainstHubSpotAndNamesAnUnknownProperty() {
        // given
        String connection = connect("hub-validate");
        Result clean = cli("mapping", "validate", "--connection", connection);
        assertThat(clean.exitCode()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.out()).contains("no problems");

        // when: the property is deleted in HubSpot after it was mapped (stored directly: 'mapping set' refuses it)
        new FieldMappingStore(jdbc).replace(Long.parseLong(connection), ObjectType.CONTACT, "no_such_property",
                "custom.nothing", "both", com.penguinmails.crmsync.core.ConflictPolicy.NEWEST_WINS, List.of());
        Result found = cli("mapping", "validate", "--connection", connection);

        // then
        assertThat(found.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(found.out()).contains("CONTACT.no_such_property does not exist on", "check the API name",
                "1 problem(s)");
        assertThat(cli("mapping", "validate", "--connection", "424242").exitCode())
                .isEqualTo(ExitCodes.BAD_REQUEST);
    }
}
