package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.CrmSandboxes;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A connection gets new credentials without losing what it synced: {@code connections reauthorize} (the test plays
 * the browser) and {@code connections set-credentials} replace its secrets in place, and a disconnected account added
 * again is reattached. After each, engagement-sync logs only the e-mails that are new and contact-sync creates no CRM
 * record: its record links, activity links and watermarks are the same. Credentials of another account are refused
 * and bad arguments change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionCredentialsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger messages = new AtomicInteger();
    private CrmSandboxes crms;
    private Map<String, Object> properties;
    private JdbcClient jdbc;

    record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    void start() throws Exception {
        crms = CrmSandboxes.start(SandboxOptions.defaults().withSeedContacts(5));
        TestDatabase.Database db = TestDatabase.create("connection_credentials");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/platform").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('salesforce-co', 'SF'), ('hubspot-co', 'HS'), "
                + "('pipedrive-co', 'PD'), ('other-co', 'Other')").update();
        properties = new HashMap<>(db.springProperties());
        properties.put("crmsync.credentials.keyset-file",
                Files.createTempDirectory("connection-credentials").resolve("keyset.json").toString());
        properties.put("crmsync.credentials.generate-missing", "true");
    }

    @AfterAll
    void stop() {
        crms.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"salesforce", "hubspot", "pipedrive"})
    void newCredentialsInPlaceAndAReAddedAccountKeepWhatTheConnectionSynced(String crm) throws Exception {
        // given: a tenant connected by OAuth, its contacts linked and an e-mail each logged
        String tenant = crm + "-co";
        Result added = cli("connections", "add", "--tenant", tenant, "--crm", crm, "--account", account(crm),
                "--base-url", baseUrl(crm), "--client-id", app(crm, "clientId"),
                "--client-secret=" + app(crm, "clientSecret"), "--refresh-token=" + refreshToken(crm));
        assertThat(added.exitCode()).as("%s", added).isZero();
        long id = idOf(added.out());
        if (crm.equals("hubspot")) { // the sandbox indexes searches at once
            assertThat(cli("connections", "set", Long.toString(id), "searchIndexLag=PT0S").exitCode()).isZero();
        }
        run("contact-sync", tenant);
        long contacts = count("SELECT count(*) FROM crm_sync.record_links WHERE pm_entity = 'contact' "
                + "AND connection_id = " + id);
        assertThat(contacts).isPositive();
        long seeded = activities(crm);
        emailEveryContact(tenant);
        run("engagement-sync", tenant);
        long logged = activityLinks(id);
        assertThat(logged).isEqualTo(contacts);
        assertThat(activities(crm)).isEqualTo(seeded + logged);

        // when: the operator authorises it again in a browser
        Result reauthorized = reauthorize(crm, id);

        // then: same connection, and only a new e-mail is logged
        assertThat(reauthorized.exitCode()).as("%s", reauthorized).isZero();
        assertThat(reauthorized.out()).contains("connection " + id + ": new credentials for " + crm + " account");
        assertOnlyNewEmailsLogged(crm, tenant, id);

        // when: it is given new secrets on the command line (an API token where the CRM has them)
        Result set = crm.equals("salesforce")
                ? cli("connections", "set-credentials", Long.toString(id), "--client-id", app(crm, "clientId"),
                        "--client-secret=" + app(crm, "clientSecret"), "--refresh-token=" + refreshToken(crm))
                : cli("connections", "set-credentials", Long.toString(id), "--api-token=" + apiToken(crm));

        // then: likewise
        assertThat(set.exitCode()).as("%s", set).isZero();
        assertThat(set.out() + set.err()).doesNotContain(app(crm, "clientSecret"));
        assertOnlyNewEmailsLogged(crm, tenant, id);

        // when: it is disconnected, then the same account is added again
        assertThat(cli("connections", "disconnect", Long.toString(id)).exitCode()).isZero();
        Map<String, Long> recordsBefore = records(crm);
        Result again = cli("connections", "add", "--tenant", tenant, "--crm", crm, "--account", account(crm),
                "--base-url", baseUrl(crm), "--client-id", app(crm, "clientId"),
                "--client-secret=" + app(crm, "clientSecret"), "--refresh-token=" + refreshToken(crm));

        // then: the disconnected connection is reattached; syncing again creates and logs nothing twice
        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(idOf(again.out())).isEqualTo(id);
        assertThat(again.out()).contains("reattached");
        run("contact-sync", tenant);
        assertThat(records(crm)).isEqualTo(recordsBefore);
        assertThat(count("SELECT count(*) FROM crm_sync.connections WHERE tenant_id = '" + tenant + "'")).isOne();
        assertOnlyNewEmailsLogged(crm, tenant, id);

        // and: adding the account while it is connected is refused, pointing at set-credentials
        Result twice = cli("connections", "add", "--tenant", tenant, "--crm", crm, "--account", account(crm),
                "--base-url", baseUrl(crm), "--client-id", app(crm, "clientId"),
                "--client-secret=" + app(crm, "clientSecret"), "--refresh-token=unused");
        assertThat(twice.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(twice.err()).contains("connection " + id).contains("set-credentials " + id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"salesforce", "hubspot", "pipedrive"})
    void credentialsOfAnotherAccountAreRefusedNamingBothUnlessAllowed(String crm) throws Exception {
        // given: a connection recorded for another account of the CRM
        String other = crm.equals("salesforce") ? "00D000000000001AAA" : "another-account-of-" + crm;
        Result added = cli("connections", "add", "--tenant", "other-co", "--crm", crm, "--account", other,
                "--base-url", baseUrl(crm), "--client-id", app(crm, "clientId"),
                "--client-secret=" + app(crm, "clientSecret"), "--refresh-token=old-token");
        assertThat(added.exitCode()).as("%s", added).isZero();
        long id = idOf(added.out());
        String stored = ciphertext(id);

        // when: it is given the sandbox account's credentials
        Result refused = cli("connections", "set-credentials", Long.toString(id), "--client-id",
                app(crm, "clientId"), "--client-secret=" + app(crm, "clientSecret"),
                "--refresh-token=" + refreshToken(crm));

        // then: refused naming both accounts; nothing changed
        assertThat(refused.exitCode()).as("%s", refused).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(refused.err()).contains(other).contains(accountAsNamed(crm)).contains("--allow-other-account");
        assertThat(ciphertext(id)).isEqualTo(stored);

        // when: the operator says the tenant really moved
        Result allowed = cli("connections", "set-credentials", Long.toString(id), "--client-id",
                app(crm, "clientId"), "--client-secret=" + app(crm, "clientSecret"),
                "--refresh-token=" + refreshToken(crm), "--allow-other-account");

        // then: stored, with the new account recorded
        assertThat(allowed.exitCode()).as("%s", allowed).isZero();
        assertThat(jdbc.sql("SELECT account_ref FROM crm_sync.connections WHERE id = " + id).query(String.class)
                .single()).isEqualTo(accountAsNamed(crm));
        assertThat(ciphertext(id)).isNotEqualTo(stored);

        // and: bad arguments change nothing and exit 2 (the same for every CRM: checked with one)
        if (!crm.equals("salesforce")) {
            return;
        }
        String now = ciphertext(id);
        assertThat(cli("connections", "set-credentials", "999999", "--api-token=x").exitCode())
                .isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(cli("connections", "set-credentials", Long.toString(id), "--api-token=x", "--client-id", "y")
                .exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(cli("connections", "set-credentials", Long.toString(id), "--api-token= ").exitCode())
                .isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(cli("connections", "reauthorize", Long.toString(id), "--client-id", "y", "--client-secret=z",
                "--port", "-1").exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(cli("connections", "set-credentials", Long.toString(id), "--api-token=x").exitCode())
                .as("Salesforce connects only by OAuth").isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(ciphertext(id)).isEqualTo(now);
        assertThat(cli("connections", "disconnect", Long.toString(id)).exitCode()).isZero();
        assertThat(cli("connections", "set-credentials", Long.toString(id), "--api-token=x").exitCode())
                .isEqualTo(ExitCodes.BAD_REQUEST);
    }

    // --- the sandboxes ---

    private Map<String, Object> info(String crm) {
        return switch (crm) {
            case "salesforce" -> crms.sandbox("salesforce").info();
            case "hubspot" -> crms.sandbox("hubspot").info();
            default -> crms.sandbox("pipedrive").info();
        };
    }

    private String app(String crm, String key) {
        return info(crm).get(key).toString();
    }

    private String baseUrl(String crm) {
        return app(crm, crm.equals("salesforce") ? "instanceUrl" : crm.equals("hubspot") ? "baseUrl" : "apiDomain");
    }

    private String apiToken(String crm) {
        return app(crm, crm.equals("hubspot") ? "privateAppToken" : "apiToken");
    }

    /** The account as the operator records it at {@code add}. */
    private String account(String crm) {
        return switch (crm) {
            case "salesforce" -> app(crm, "organizationId");
            case "hubspot" -> app(crm, "hubId");
            default -> "penguinmails-sandbox";
        };
    }

    /** The account as the CRM names it to {@code set-credentials}. */
    private String accountAsNamed(String crm) {
        return account(crm);
    }

    /** A refresh token the CRM accepts now (Salesforce rotates them, so a new grant is made each time). */
    private String refreshToken(String crm) throws Exception {
        if (!crm.equals("salesforce")) {
            return app(crm, "refreshToken");
        }
        String redirect = "http://127.0.0.1:9/callback";
        HttpResponse<String> consent = http.send(HttpRequest.newBuilder(URI.create(app(crm, "authorizeUrl")
                + "?response_type=code&client_id=" + encode(app(crm, "clientId")) + "&redirect_uri="
                + encode(redirect))).build(), HttpResponse.BodyHandlers.ofString());
        String location = consent.headers().firstValue("Location").orElseThrow();
        String code = java.net.URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"),
                StandardCharsets.UTF_8);
        HttpResponse<String> tokens = http.send(HttpRequest.newBuilder(URI.create(app(crm, "tokenUrl")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + encode(code)
                        + "&redirect_uri=" + encode(redirect) + "&client_id=" + encode(app(crm, "clientId"))
                        + "&client_secret=" + encode(app(crm, "clientSecret")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return JSON.readTree(tokens.body()).get("refresh_token").asString();
    }

    private Map<String, Long> records(String crm) throws Exception {
        String control = crm.equals("salesforce") ? app(crm, "instanceUrl") : crm.equals("hubspot")
                ? app(crm, "baseUrl") : app(crm, "apiDomain");
        JsonNode stats = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(control + "/_sandbox/stats"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        Map<String, Long> records = new java.util.TreeMap<>();
        stats.get("records").properties().forEach(e -> records.put(e.getKey(), e.getValue().asLong()));
        return records;
    }

    /** Activities the suite logged in the CRM (e-mails on the timeline). */
    private long activities(String crm) throws Exception {
        Map<String, Long> records = records(crm);
        return records.get(crm.equals("salesforce") ? "Task" : crm.equals("hubspot") ? "emails" : "activities");
    }

    // --- the CLI and the database ---

    private Result reauthorize(String crm, long id) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> command = CompletableFuture.supplyAsync(() -> CrmSyncCli.execute(new String[] {
                "connections", "reauthorize", Long.toString(id), "--client-id", app(crm, "clientId"),
                "--client-secret=" + app(crm, "clientSecret"), "--timeout-s", "60"},
                properties, new PrintWriter(out, true), new PrintWriter(err, true)));
        String url = null;
        for (int i = 0; i < 600 && url == null; i++) {
            for (String line : out.toString().split("\\R")) {
                if (line.startsWith("http")) {
                    url = line.trim();
                }
            }
            assertThat(command.isDone() && url == null).as("the command ended early: %s %s", out, err).isFalse();
            Thread.sleep(50);
        }
        assertThat(url).as("a consent URL: %s", out).isNotNull();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("Authorised");
        int code = command.get(60, TimeUnit.SECONDS);
        return new Result(code, out.toString(), err.toString());
    }

    private void assertOnlyNewEmailsLogged(String crm, String tenant, long id) throws Exception {
        long links = activityLinks(id);
        long activities = activities(crm);
        long contacts = emailEveryContact(tenant);
        run("engagement-sync", tenant);
        assertThat(activityLinks(id)).as("activity links").isEqualTo(links + contacts);
        assertThat(activities(crm)).as("activities in the CRM").isEqualTo(activities + contacts);
        assertThat(jdbc.sql("SELECT status FROM crm_sync.connections WHERE id = " + id).query(String.class).single())
                .isEqualTo("active");
    }

    /** One new sent e-mail to each of the tenant's contacts; returns how many. */
    private long emailEveryContact(String tenant) {
        long campaign = jdbc.sql("INSERT INTO penguinmails.campaigns (tenant_id, name, subject, sent_at) "
                + "VALUES (:t, 'News', 'News', now()) RETURNING id").param("t", tenant).query(Long.class).single();
        String batch = "c" + messages.incrementAndGet();
        return jdbc.sql("""
                        INSERT INTO penguinmails.engagement_events (tenant_id, contact_id, campaign_id, message_id,
                                                                    event_type, occurred_at)
                        SELECT tenant_id, id, :campaign, :batch || '-' || id, 'sent', now() - interval '1 hour'
                        FROM penguinmails.contacts WHERE tenant_id = :t""")
                .param("t", tenant).param("campaign", campaign).param("batch", batch).update();
    }

    private void run(String job, String tenant) {
        Result result = cli("run", job, "--tenant", tenant);
        assertThat(result.exitCode()).as("%s %s", job, result).isZero();
    }

    private long activityLinks(long id) {
        return count("SELECT count(*) FROM crm_sync.activity_links WHERE connection_id = " + id);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private String ciphertext(long id) {
        return jdbc.sql("SELECT encode(ciphertext, 'hex') || version FROM crm_sync.credentials WHERE connection_id = "
                + id).query(String.class).optional().orElse("none");
    }

    private Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CrmSyncCli.execute(args, properties, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private static long idOf(String out) {
        return Long.parseLong(out.replaceAll("(?s).*connection (\\d+): .*", "$1"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
