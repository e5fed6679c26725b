package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.CrmSandboxes;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Runs connections and a contact-sync with --debug logging against the three CRM sandboxes, then searches everything
 * the run printed or logged, and every crm_sync table dumped as text, for any token or secret: none may appear.
 */
class NoSecretsInLogsOrTablesIT {

    @Test
    void noTokenOrSecretAppearsInTheLogsTheOutputOrAnyTableOfARun() throws Exception {
        // given
        TestDatabase.Database db = TestDatabase.create("no_secrets");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/platform").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('acme', 'Acme'), ('globex', 'Globex')").update();
        Map<String, Object> properties = new HashMap<>(db.springProperties());
        properties.put("crmsync.credentials.keyset-file",
                Files.createTempDirectory("no-secrets").resolve("keyset.json").toString());
        properties.put("crmsync.credentials.generate-missing", "true");
        StringWriter out = new StringWriter();
        PrintStream processErr = System.err;
        PrintStream processOut = System.out;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        List<String> secrets = new ArrayList<>();

        try (CrmSandboxes crms = CrmSandboxes.start(SandboxOptions.defaults().withSeedContacts(20))) {
            Map<String, Object> sf = crms.sandbox("salesforce").info();
            Map<String, Object> hs = crms.sandbox("hubspot").info();
            Map<String, Object> pd = crms.sandbox("pipedrive").info();
            secrets.addAll(List.of(sf.get("refreshToken").toString(), sf.get("clientSecret").toString(),
                    sf.get("accessToken").toString(), hs.get("privateAppToken").toString(),
                    hs.get("clientSecret").toString(), pd.get("apiToken").toString(), pd.get("clientSecret").toString()));
            System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(logs, true, StandardCharsets.UTF_8));
            try {
                // when
                List<String[]> commands = List.of(
                        new String[] {"--debug", "connections", "add", "--tenant", "acme", "--crm", "salesforce",
                                "--client-id", sf.get("clientId").toString(), "--client-secret=" + sf.get("clientSecret"),
                                "--refresh-token=" + sf.get("refreshToken"), "--base-url", sf.get("instanceUrl").toString()},
                        new String[] {"--debug", "connections", "add", "--tenant", "acme", "--crm", "hubspot",
                                "--api-token=" + hs.get("privateAppToken"), "--base-url", hs.get("baseUrl").toString()},
                        new String[] {"--debug", "connections", "add", "--tenant", "globex", "--crm", "pipedrive",
                                "--api-token=" + pd.get("apiToken"), "--base-url", pd.get("apiDomain").toString()},
                        new String[] {"--debug", "run", "contact-sync"},
                        new String[] {"--debug", "connections", "list", "--json"},
                        new String[] {"--debug", "executions", "--json"});
                for (String[] command : commands) {
                    int code = CrmSyncCli.execute(command, properties, new PrintWriter(out), new PrintWriter(out));
                    assertThat(code).as("%s: %s", String.join(" ", command), out).isZero();
                }
            } finally {
                System.setErr(processErr);
                System.setOut(processOut);
            }
        }

        // then
        String everything = out + "\n" + logs.toString(StandardCharsets.UTF_8) + "\n" + dumpAllSyncTables(jdbc);
        assertThat(logs.size()).as("debug logging reached the capture").isGreaterThan(1000);
        for (String secret : secrets) {
            assertThat(everything).as("a secret of %d characters leaked", secret.length()).doesNotContain(secret);
        }
        assertThat(everything).doesNotContainIgnoringCase("Bearer ey").doesNotContain("access_token\":\"");
    }

    private static String dumpAllSyncTables(JdbcClient jdbc) {
        StringBuilder dump = new StringBuilder();
        for (String table : jdbc.sql("SELECT table_schema || '.' || table_name FROM information_schema.tables "
                + "WHERE table_schema IN ('crm_sync', 'public') AND table_type = 'BASE TABLE'").query(String.class).list()) {
            jdbc.sql("SELECT row_to_json(t)::text FROM " + table + " t").query(String.class).list()
                    .forEach(row -> dump.append(row).append('\n'));
        }
        return dump.toString();
    }
}
