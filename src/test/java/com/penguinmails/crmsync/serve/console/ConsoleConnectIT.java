package com.penguinmails.crmsync.serve.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.core.ConflictPolicy;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.credentials.Credential;
import com.penguinmails.crmsync.credentials.CredentialStore;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.job.support.LockTarget;
import com.penguinmails.crmsync.job.support.RunLocks;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.store.ContactChangeStore;
import com.penguinmails.crmsync.store.FieldMappingStore;
import com.penguinmails.crmsync.testing.ApiTokens;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.HeadlessChromium;
import com.penguinmails.crmsync.testing.SandboxConnections;
import com.penguinmails.crmsync.testing.ServeApp;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The end-to-end test of the console in a real headless Chromium, a real {@code crm-sync serve} whose OAuth
 * app points at a HubSpot sandbox and whose {@code crmsync.oauth.settings-url} is the console itself: a tenant admin
 * signs in, connects HubSpot (the browser follows the sandbox's consent page, approves and lands back on the console
 * saying "connected"), sees its first sync, sees an error, retries it and sees it resolved after the next run; a
 * denied consent says "denied" and stores nothing; an API token the CRM refuses shows the form again naming the field
 * (the token not echoed); reconnecting keeps the connection; Sync now while a run holds the connection says so; pause,
 * activate and disconnect ask first, and connecting the disconnected account again reattaches it. Every run here is
 * started with the page's Sync now button. Screenshots {@code connect-*.png} go to
 * {@code target/console-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleConnectIT {

    private static final String ADMIN = "alice@alpha.example";
    private static final String BETA_ADMIN = "bob@beta.example";
    /** The execution id of a run the test pretends holds the connection. */
    private static final long HOLDING_RUN = 999_999;

    private final TestDatabase.Database db = TestDatabase.create("console-connect");
    private CrmDriver crm;
    private ServeApp app;
    private HeadlessChromium browser;
    private JdbcClient jdbc;
    private int port;
    private long connection;

    @BeforeAll
    void start() throws Exception {
        crm = CrmDriver.start(HubSpotConnectorProvider.KIND, 0);
        // the sandbox user has not approved the app yet: every authorisation shows the consent page
        SandboxConnections.call("POST", crm.info().get("baseUrl") + "/_sandbox/consent", "X-Test", "1",
                "{\"prompt\": true}");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("crmsync.serve.port", port);
        properties.put("crmsync.serve.outbound.enabled", "false");
        properties.put("crmsync.oauth.redirect-base-url", base());
        properties.put("crmsync.oauth.settings-url", base() + "/console");
        properties.put("crmsync.oauth.apps.hubspot.client-id", crm.info().get("clientId"));
        properties.put("crmsync.oauth.apps.hubspot.client-secret", crm.info().get("clientSecret"));
        properties.put("crmsync.oauth.apps.hubspot.base-url", crmSite());
        app = ServeApp.start(db, properties);
        jdbc = app.bean(JdbcClient.class);
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('alpha', 'Alpha'), ('beta', 'Beta')").update();
        browser = HeadlessChromium.start();
    }

    @AfterAll
    void stop() {
        try (CrmDriver sandbox = crm; ServeApp service = app; HeadlessChromium chromium = browser) {
            // each closes (the browser first, the sandbox last) even when another fails; a null one is skipped
        }
    }

    @Test
    @Order(1)
    void connectingHubSpotFollowsItsConsentPageAndLandsOnTheConsoleConnected() {
        WebDriver page = browser.driver();
        signIn(ApiTokens.user("alpha", ADMIN));
        assertThat(page.findElement(By.id("no-connections")).getText()).contains("No CRM is connected");

        click(page, "[data-crm='hubspot'] button.connect-oauth");

        assertThat(page.getCurrentUrl()).startsWith(crmSite() + "/oauth/authorize?");
        assertThat(page.findElement(By.id("approve")).getText()).isEqualTo("Allow");
        browser.screenshot("connect-01-consent");

        click(page, "#approve");

        assertThat(page.getCurrentUrl()).startsWith(base() + "/console?");
        WebElement banner = page.findElement(By.id("oauth-outcome"));
        assertThat(banner.getDomAttribute("data-outcome")).isEqualTo("connected");
        assertThat(banner.getText()).contains("hubspot: connected");
        connection = Long.parseLong(page.findElement(By.id("oauth-connection")).getText().replaceAll("\\D", ""));
        assertThat(jdbc.sql("SELECT tenant_id || ' ' || crm || ' ' || status FROM crm_sync.connections")
                .query(String.class).list()).containsExactly("alpha hubspot active");
        assertThat(app.bean(CredentialStore.class).find(connection).orElseThrow()).isInstanceOf(Credential.OAuth.class);
        assertThat(actorsOf("connection.connected")).containsExactly("user:" + ADMIN);
        assertThat(page.findElements(By.cssSelector("#connections tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-connection")).toList())
                .containsExactly(Long.toString(connection));
        browser.screenshot("connect-02-connected");
        // the sandbox's search index lags less than HubSpot's: the admin sets it, as for the sandbox's own connections
        Map<String, String> settings = new HashMap<>(app.bean(ConnectionStore.class).find(connection).orElseThrow()
                .settings());
        settings.putAll(crm.sandbox().tenantConnection().settings());
        settings.put("requestsPerSecond", "200");
        app.bean(ConnectionStore.class).replaceSettings(connection, settings);
    }

    @Test
    @Order(2)
    void itsFirstSyncShowsOnItsHealthPage() throws Exception {
        for (String email : List.of("x@alpha.example", "y@alpha.example", "z@alpha.example")) {
            crm.create(email, "Pat", email.substring(0, 1).toUpperCase());
        }

        WebDriver page = browser.driver();
        page.get(base() + "/console/connections/" + connection);
        assertThat(page.findElement(By.id("last-run")).getText()).isEqualTo("—");

        syncNow();

        page.get(base() + "/console/connections/" + connection);
        assertThat(page.findElement(By.id("last-sync")).getText()).endsWith("UTC");
        assertThat(page.findElement(By.id("last-run")).getText()).contains(ContactSyncJobConfiguration.JOB_NAME,
                "COMPLETED");
        assertThat(page.findElement(By.id("status")).getText()).contains("3 in");
        assertThat(jdbc.sql("SELECT count(*) FROM penguinmails.contacts WHERE tenant_id = 'alpha'")
                .query(Long.class).single()).isEqualTo(3);
        assertThat(actorsOf("connection.resync-requested")).containsExactly("user:" + ADMIN);
        browser.screenshot("connect-03-first-sync");
    }

    @Test
    @Order(3)
    void aRecordThatFailsShowsAsAnErrorGroup() {
        // the job titles go to a field the CRM no longer has: three records fail
        app.bean(FieldMappingStore.class).replace(connection, ObjectType.CONTACT, crm.deletedField(), "job_title",
                "out", ConflictPolicy.NEWEST_WINS, List.of());
        jdbc.sql("UPDATE penguinmails.contacts SET job_title = 'Chief Penguin', updated_at = now() "
                + "WHERE tenant_id = 'alpha'").update();
        app.bean(ContactChangeStore.class).markChanged("alpha", jdbc.sql(
                "SELECT id FROM penguinmails.contacts WHERE tenant_id = 'alpha'").query(Long.class).list(), "test");

        syncNow();

        WebDriver page = browser.driver();
        page.get(base() + "/console/connections/" + connection);
        List<WebElement> groups = page.findElements(By.cssSelector(".error-group"));
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).getText()).contains("error, 3 open");
        assertThat(errors("open")).hasSize(3);
        browser.screenshot("connect-04-error");
    }

    @Test
    @Order(4)
    void retryingTheErrorsResolvesThemAfterTheNextRun() {
        List<Long> failed = errors("open");
        WebDriver page = browser.driver();
        page.get(base() + "/console/connections/" + connection);

        click(page, ".error-group button.retry");

        assertThat(page.findElement(By.id("flash")).getText()).startsWith("Retried 3 error");
        assertThat(actorsOf("sync-errors.retried")).containsExactly("user:" + ADMIN);

        // when the cause is fixed and the next run comes
        app.bean(FieldMappingStore.class).delete(connection, ObjectType.CONTACT, crm.deletedField());
        syncNow();

        assertThat(errors("resolved")).containsExactlyInAnyOrderElementsOf(failed);
        assertThat(errors("open")).isEmpty();
        page.get(base() + "/console/connections/" + connection);
        assertThat(page.findElement(By.id("no-errors")).getText()).contains("Nothing is failing");
        browser.screenshot("connect-05-retried");
    }

    @Test
    @Order(5)
    void reconnectingFollowsConsentAndKeepsTheConnection() {
        WebDriver page = browser.driver();
        page.get(base() + "/console/connections/" + connection);

        click(page, "#reconnect-oauth");
        click(page, "#approve");

        WebElement banner = page.findElement(By.id("oauth-outcome"));
        assertThat(banner.getDomAttribute("data-outcome")).isEqualTo("reconnected");
        assertThat(page.findElement(By.id("oauth-connection")).getText()).endsWith(Long.toString(connection));
        assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.connections").query(Long.class).single()).isEqualTo(1);
        assertThat(actorsOf("connection.credentials-replaced")).containsExactly("user:" + ADMIN);
    }

    @Test
    @Order(6)
    void denyingConsentSaysDeniedAndStoresNoConnection() {
        WebDriver page = browser.driver();
        page.get(base() + "/console");
        click(page, "header form button");
        signIn(ApiTokens.user("beta", BETA_ADMIN));

        click(page, "[data-crm='hubspot'] button.connect-oauth");
        click(page, "#deny");

        assertThat(page.getCurrentUrl()).startsWith(base() + "/console?");
        WebElement banner = page.findElement(By.id("oauth-outcome"));
        assertThat(banner.getDomAttribute("data-outcome")).isEqualTo("denied");
        assertThat(banner.getText()).contains("hubspot: denied");
        assertThat(page.findElements(By.id("oauth-connection"))).isEmpty();
        assertThat(page.findElement(By.id("no-connections")).isDisplayed()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.connections WHERE tenant_id = 'beta'")
                .query(Long.class).single()).isZero();
        browser.screenshot("connect-06-denied");
    }

    @Test
    @Order(7)
    void aTokenTheCrmRefusesShowsTheFormAgainNamingTheFieldWithoutEchoingItAndStoresNothing() {
        WebDriver page = browser.driver();
        page.get(base() + "/console");
        click(page, "[data-crm='hubspot'] a.connect-token");
        String refused = "pat-na1-refused-by-the-crm";

        page.findElement(By.id("apiToken")).sendKeys(refused);
        page.findElement(By.id("baseUrl")).sendKeys(crm.info().get("baseUrl").toString());
        click(page, "#connect-with-token");

        assertThat(page.findElement(By.id("apiToken-problem")).getText()).startsWith("apiToken:")
                .contains("refused");
        assertThat(page.getPageSource()).doesNotContain(refused);
        assertThat(page.findElement(By.id("apiToken")).getDomProperty("value")).isEmpty();
        assertThat(page.findElement(By.id("apiToken")).getDomAttribute("type")).isEqualTo("password");
        assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.connections WHERE tenant_id = 'beta'")
                .query(Long.class).single()).isZero();
        browser.screenshot("connect-07-token-refused");

    }

    @Test
    @Order(8)
    void syncNowWhileARunHoldsTheConnectionSaysSoOnThePage() {
        WebDriver page = browser.driver();
        page.get(base() + "/console");
        click(page, "header form button");
        signIn(ApiTokens.user("alpha", ADMIN));
        RunLocks locks = app.bean(RunLocks.class);
        long runs = runs();
        try {
            // a run of contact-sync (another process's, say) holds the connection
            locks.session(HOLDING_RUN).claim(ContactSyncJobConfiguration.JOB_NAME, LockTarget.connection(connection));
            page.get(base() + "/console/connections/" + connection);

            click(page, "#sync-now");

            assertThat(page.findElement(By.id("refused")).getText()).contains("already syncing connection "
                    + connection);
            assertThat(page.findElements(By.id("changed"))).isEmpty();
            browser.screenshot("connect-08-sync-refused");
        } finally {
            locks.close(HOLDING_RUN);
        }
        assertThat(runs()).isEqualTo(runs);
    }

    @Test
    @Order(9)
    void pauseAndActivateAskFirstAndChangeTheState() {
        WebDriver page = browser.driver();
        page.get(base() + "/console/connections/" + connection);

        click(page, "#pause");
        assertThat(page.findElement(By.id("question")).getText()).startsWith("Pause syncing");
        browser.screenshot("connect-09-pause-confirm");
        assertThat(status()).isEqualTo("active");
        page.findElement(By.id("reason")).sendKeys("CRM maintenance");
        click(page, "#confirm");

        assertThat(page.findElement(By.id("changed")).getDomAttribute("data-changed")).isEqualTo("paused");
        assertThat(status()).isEqualTo("disabled");
        assertThat(page.findElement(By.id("status")).getText()).contains("CRM maintenance");
        assertThat(page.findElements(By.id("sync-now"))).isEmpty();

        click(page, "#activate");
        click(page, "#confirm");

        assertThat(page.findElement(By.id("changed")).getDomAttribute("data-changed")).isEqualTo("activated");
        assertThat(status()).isEqualTo("active");
        assertThat(actorsOf("connection.paused")).containsExactly("user:" + ADMIN);
        assertThat(actorsOf("connection.activated")).containsExactly("user:" + ADMIN);
    }

    @Test
    @Order(10)
    void disconnectAsksFirstDeletesTheCredentialsAndConnectingAgainReattaches() {
        WebDriver page = browser.driver();
        page.get(base() + "/console/connections/" + connection);

        click(page, "#disconnect");
        click(page, "#cancel");
        assertThat(status()).isEqualTo("active");
        click(page, "#disconnect");
        click(page, "#confirm");

        assertThat(page.findElement(By.id("changed")).getDomAttribute("data-changed")).isEqualTo("disconnected");
        assertThat(status()).isEqualTo("disconnected");
        assertThat(app.bean(CredentialStore.class).find(connection)).isEmpty();
        assertThat(page.findElements(By.id("lifecycle"))).isEmpty();
        assertThat(page.findElement(By.id("disconnected-note")).getText()).contains("connect the same account again");
        assertThat(actorsOf("connection.disconnected")).containsExactly("user:" + ADMIN);
        browser.screenshot("connect-10-disconnected");

        // connecting the same account again, this time with its private-app token, reattaches the connection
        page.get(base() + "/console");
        click(page, "[data-crm='hubspot'] a.connect-token");
        page.findElement(By.id("apiToken")).sendKeys(crm.info().get("privateAppToken").toString());
        page.findElement(By.id("baseUrl")).sendKeys(crm.info().get("baseUrl").toString());
        click(page, "#connect-with-token");

        assertThat(page.getCurrentUrl()).contains("/console/connections/" + connection + "?");
        assertThat(page.findElement(By.id("changed")).getDomAttribute("data-changed")).isEqualTo("connected");
        assertThat(status()).isEqualTo("active");
        assertThat(app.bean(CredentialStore.class).find(connection).orElseThrow())
                .isInstanceOf(Credential.ApiToken.class);
        assertThat(actorsOf("connection.reattached")).containsExactly("user:" + ADMIN);
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /** Presses Sync now on the connection's page and waits until the run it started has ended. */
    private void syncNow() {
        crm.beforeRun();
        long before = runs();
        WebDriver page = browser.driver();
        page.get(base() + "/console/connections/" + connection);
        click(page, "#sync-now");
        assertThat(page.findElement(By.id("changed")).getDomAttribute("data-changed")).isEqualTo("sync-started");
        new WebDriverWait(page, Duration.ofSeconds(60)).until(ignored -> runs() > before && !running());
        assertThat(jdbc.sql("SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1")
                .query(String.class).single()).isEqualTo(BatchStatus.COMPLETED.name());
    }

    /** Ended contact-sync runs. */
    private long runs() {
        return jdbc.sql("SELECT count(*) FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id) "
                + "WHERE i.job_name = :job AND e.end_time IS NOT NULL")
                .param("job", ContactSyncJobConfiguration.JOB_NAME).query(Long.class).single();
    }

    private boolean running() {
        return jdbc.sql("SELECT count(*) FROM batch_job_execution WHERE end_time IS NULL").query(Long.class)
                .single() > 0;
    }

    private String status() {
        return jdbc.sql("SELECT status FROM crm_sync.connections WHERE id = :c").param("c", connection)
                .query(String.class).single();
    }

    /** The service as the browser reaches it. */
    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The sandbox CRM as another site ({@code localhost}, not the service's {@code 127.0.0.1}), as a real CRM is: the
     * browser comes back from its consent page through a cross-site redirect, which withholds the console's
     * SameSite=Strict cookie until the console's page reloads itself from its own origin.
     */
    private String crmSite() {
        return crm.info().get("baseUrl").toString().replace("127.0.0.1", "localhost");
    }

    private void signIn(String token) {
        WebDriver page = browser.driver();
        page.get(base() + "/console/login");
        page.findElement(By.id("token")).sendKeys(token);
        click(page, "#sign-in");
        assertThat(page.getCurrentUrl()).endsWith("/console");
    }

    /** Clicks and waits until the browser has loaded the page the click led to. */
    private static void click(WebDriver page, String css) {
        HeadlessChromium.clickAndAwaitNavigation(page, css);
    }

    private List<Long> errors(String status) {
        return jdbc.sql("SELECT id FROM crm_sync.sync_errors WHERE connection_id = :c AND status = :s "
                + "AND kind = 'error' ORDER BY id").param("c", connection).param("s", status).query(Long.class).list();
    }

    private List<String> actorsOf(String action) {
        return jdbc.sql("SELECT actor FROM crm_sync.sync_audit WHERE connection_id = :c AND action = :a")
                .param("c", connection).param("a", action).query(String.class).list();
    }
}
