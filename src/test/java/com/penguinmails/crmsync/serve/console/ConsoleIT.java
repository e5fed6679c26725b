package com.penguinmails.crmsync.serve.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.core.ConflictPolicy;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.job.support.JobRunner;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.store.ContactChangeStore;
import com.penguinmails.crmsync.store.FieldMappingStore;
import com.penguinmails.crmsync.testing.ApiTokens;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.HeadlessChromium;
import com.penguinmails.crmsync.testing.ServeApp;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
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
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console in a real headless Chromium against a real {@code crm-sync serve}, database and HubSpot sandbox, as a
 * tenant admin uses it, in order: a bad token is refused, a good one signs in (an HttpOnly, SameSite=Strict cookie),
 * the connections page lists the tenant's connection and not another tenant's, the health page of the connection
 * after a real contact-sync run shows its last sync and its error group, retry and ignore move the errors and audit
 * the caller, the chart is drawn with JavaScript and the page, its table and its forms work without, the audit page
 * names the actor, and another tenant's connection is the 404 page. Screenshots go to
 * {@code target/console-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final CrmKind HUBSPOT = HubSpotConnectorProvider.KIND;
    private static final String ADMIN = "alice@alpha.example";

    private final TestDatabase.Database db = TestDatabase.create("console");
    private ServeApp app;
    private CrmDriver crm;
    private HeadlessChromium browser;
    private JdbcClient jdbc;
    private long connection;
    private long betaConnection;
    private JobExecution run;
    private List<Long> errors;

    @BeforeAll
    void start() throws Exception {
        // the changes below go out with the run, not in real time (so the run's errors are the page's)
        app = ServeApp.start(db, Map.of("crmsync.serve.outbound.enabled", "false"));
        jdbc = app.bean(JdbcClient.class);
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('alpha', 'Alpha'), ('beta', 'Beta')").update();
        betaConnection = app.bean(ConnectionStore.class).add("beta", HUBSPOT, "beta-hub",
                Map.of("baseUrl", "http://127.0.0.1:9"));
        crm = CrmDriver.start(HUBSPOT, 0);
        connection = crm.connect(app.bean(ConnectionRegistry.class), "alpha", "alpha-hub",
                Map.of("requestsPerSecond", "200"));
        // a real run imports three people; then their job titles go to a field the CRM no longer has: three errors
        List<String> emails = List.of("x@alpha.example", "y@alpha.example", "z@alpha.example");
        for (String email : emails) {
            crm.create(email, "Pat", email.substring(0, 1).toUpperCase());
        }
        assertThat(sync().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        app.bean(FieldMappingStore.class).replace(connection, ObjectType.CONTACT, crm.deletedField(), "job_title",
                "out", ConflictPolicy.NEWEST_WINS, List.of());
        jdbc.sql("UPDATE penguinmails.contacts SET job_title = 'Chief Penguin', updated_at = now() "
                + "WHERE tenant_id = 'alpha'").update();
        app.bean(ContactChangeStore.class).markChanged("alpha", jdbc.sql(
                "SELECT id FROM penguinmails.contacts WHERE tenant_id = 'alpha'").query(Long.class).list(), "test");
        run = sync();
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        errors = openErrors();
        assertThat(errors).as("the run's dead letters").hasSize(3);
        browser = HeadlessChromium.start();
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {browser, crm, app}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // the others still close
            }
        }
    }

    @Test
    @Order(1)
    void aBrowserWithoutTokenIsSentToSignInAndABadTokenIsRefused() {
        WebDriver page = browser.driver();
        page.get(url("/console"));
        assertThat(page.getCurrentUrl()).endsWith("/console/login");

        signIn(ApiTokens.forged("alpha", ADMIN));

        assertThat(page.getCurrentUrl()).endsWith("/console/login");
        assertThat(page.findElement(By.id("refusal")).getText()).contains("refused");
        assertThat(page.manage().getCookieNamed("crmsync_token")).isNull();
        browser.screenshot("01-sign-in-refused");
        page.get(url("/console/login?token=" + ApiTokens.expired("alpha", ADMIN)));
        assertThat(page.findElement(By.id("refusal")).getText()).contains("expired");
        assertThat(page.manage().getCookieNamed("crmsync_token")).isNull();
    }

    @Test
    @Order(2)
    void signingInKeepsTheTokenInAnHttpOnlyCookieAndListsTheTenantsConnectionsOnly() {
        WebDriver page = browser.driver();
        signIn(ApiTokens.user("alpha", ADMIN));

        assertThat(page.getCurrentUrl()).endsWith("/console");
        Cookie cookie = page.manage().getCookieNamed("crmsync_token");
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(cookie.getPath()).isEqualTo("/console");
        assertThat(cookie.getExpiry()).isAfter(java.util.Date.from(Instant.now().plus(Duration.ofMinutes(50))));
        List<String> rows = page.findElements(By.cssSelector("#connections tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-connection")).toList();
        assertThat(rows).containsExactly(Long.toString(connection)).doesNotContain(Long.toString(betaConnection));
        assertThat(page.findElement(By.cssSelector("#connections tbody tr")).getText()).contains("hubspot", "alpha-hub",
                "3");
        browser.screenshot("02-connections");
    }

    @Test
    @Order(3)
    void theHealthPageShowsTheLastSyncAndTheErrorGroupOfTheRealRun() {
        WebDriver page = browser.driver();
        page.get(url("/console/connections/" + connection));

        assertThat(page.findElement(By.id("last-sync")).getText()).endsWith("UTC");
        assertThat(page.findElement(By.id("last-run")).getText()).contains(ContactSyncJobConfiguration.JOB_NAME,
                "#" + run.getId(), "COMPLETED");
        List<WebElement> groups = page.findElements(By.cssSelector(".error-group"));
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).getText()).contains("error, 3 open");
        assertThat(page.findElements(By.cssSelector(".error-group tr[data-error]")).stream()
                .map(row -> Long.valueOf(row.getDomAttribute("data-error"))).toList())
                .containsExactlyInAnyOrderElementsOf(errors);
        browser.screenshot("03-sync-health");
    }

    @Test
    @Order(4)
    void ignoreMarksTheErrorIgnoredAndAuditsTheCaller() {
        long error = errors.get(1);
        browser.driver().get(url("/console/connections/" + connection));

        click(browser.driver(), "tr[data-error='" + error + "'] button.ignore-one");

        assertThat(browser.driver().findElement(By.id("flash")).getText()).startsWith("Ignored 1 error");
        assertThat(status(error)).isEqualTo("ignored");
        assertThat(actorsOf("sync-errors.ignored")).containsExactly("user:" + ADMIN);
    }

    @Test
    @Order(5)
    void withoutJavaScriptThePageItsTableAndItsFormsWork() {
        try (HeadlessChromium noScript = HeadlessChromium.withoutJavaScript()) {
            WebDriver page = noScript.driver();
            // the frontend's link: the token leaves the URL at once
            page.get(url("/console/login?token=" + ApiTokens.user("alpha", ADMIN)));
            assertThat(page.getCurrentUrl()).endsWith("/console");

            page.get(url("/console/connections/" + connection));
            assertThat(page.findElements(By.cssSelector("#activity-chart canvas"))).isEmpty();
            assertThat(page.findElements(By.cssSelector("#activity tbody tr"))).hasSizeGreaterThanOrEqualTo(24);
            assertThat(page.findElement(By.id("activity")).getText()).contains("Records in", "Records out", "Lag");
            noScript.screenshot("04-sync-health-without-javascript");

            long error = errors.get(2);
            click(page, "tr[data-error='" + error + "'] button.ignore-one");
            assertThat(page.findElement(By.id("flash")).getText()).startsWith("Ignored 1 error");
            assertThat(status(error)).isEqualTo("ignored");
            assertThat(page.findElement(By.cssSelector(".error-group")).getText()).contains("error, 1 open");
            noScript.screenshot("04-ignored-without-javascript");
        }
    }

    @Test
    @Order(6)
    void retryQueuesTheRecordSoTheNextRunMovesItsErrorAndAuditsTheCaller() {
        long retried = errors.get(0);
        Map<Long, Long> before = changeSequences();
        WebDriver page = browser.driver();
        page.get(url("/console/connections/" + connection));

        click(page, "tr[data-error='" + retried + "'] button.retry-one");

        // then: its contact is marked changed again (for the next run), no other
        assertThat(page.findElement(By.id("flash")).getText()).startsWith("Retried 1 error").contains("queued");
        Map<Long, Long> after = changeSequences();
        long contact = contactOf(retried);
        assertThat(after.get(contact)).isGreaterThan(before.getOrDefault(contact, 0L));
        before.keySet().stream().filter(id -> id != contact)
                .forEach(id -> assertThat(after.get(id)).as("contact %d", id).isEqualTo(before.get(id)));
        assertThat(actorsOf("sync-errors.retried")).containsExactly("user:" + ADMIN);
        browser.screenshot("05-retried");

        // when: the cause is fixed (the map no longer names the deleted field) and the next run comes
        app.bean(FieldMappingStore.class).delete(connection, ObjectType.CONTACT, crm.deletedField());
        assertThat(sync().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then: the retried record synced and its error is resolved; the ignored ones stay ignored
        assertThat(status(retried)).isEqualTo("resolved");
        assertThat(status(errors.get(1))).isEqualTo("ignored");
        assertThat(status(errors.get(2))).isEqualTo("ignored");
        page.get(url("/console/connections/" + connection));
        assertThat(page.findElement(By.id("no-errors")).getText()).contains("Nothing is failing");
    }

    @Test
    @Order(7)
    void theChartIsDrawnWithJavaScript() {
        WebDriver page = browser.driver();
        page.get(url("/console/connections/" + connection));

        new WebDriverWait(page, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#activity-chart canvas")));
        assertThat(page.findElements(By.cssSelector("#activity tbody tr"))).hasSizeGreaterThanOrEqualTo(24);
        page.findElement(By.id("activity-title")).getLocation();
        browser.screenshot("06-chart");
    }

    @Test
    @Order(8)
    void theAuditPageListsTheChangesWithTheirActor() {
        WebDriver page = browser.driver();
        page.get(url("/console/audit?connection=" + connection));

        List<WebElement> rows = page.findElements(By.cssSelector("#audit tbody tr"));
        assertThat(rows).isNotEmpty();
        assertThat(rows.stream().map(row -> row.findElement(By.cssSelector(".actor")).getText()).toList())
                .contains("user:" + ADMIN);
        assertThat(rows.stream().map(row -> row.findElement(By.cssSelector(".action")).getText()).toList())
                .contains("connection.connected");
        browser.screenshot("07-audit");
    }

    @Test
    @Order(9)
    void anotherTenantsConnectionIsTheNotFoundPage() {
        WebDriver page = browser.driver();
        page.get(url("/console/connections/" + betaConnection));

        assertThat(page.findElement(By.id("not-found")).getText()).isEqualTo("Not found");
        assertThat(page.getPageSource()).doesNotContain("beta-hub");
        String alpha = ApiTokens.user("alpha", ADMIN);
        assertThat(app.get("/console/connections/" + betaConnection, alpha).statusCode()).isEqualTo(404);
        assertThat(app.get("/console/audit?connection=" + betaConnection, alpha).statusCode()).isEqualTo(404);
        assertThat(app.get("/console/connections/" + connection, ApiTokens.user("beta", "bob")).statusCode())
                .isEqualTo(404);
        browser.screenshot("08-not-found");
    }

    @Test
    @Order(10)
    void signingOutClearsTheCookie() {
        WebDriver page = browser.driver();
        page.get(url("/console"));

        click(page, "header form button");

        assertThat(page.getCurrentUrl()).contains("/console/login");
        assertThat(page.manage().getCookieNamed("crmsync_token")).isNull();
        page.get(url("/console"));
        assertThat(page.getCurrentUrl()).endsWith("/console/login");
        // a cookie whose token expired leads to the sign-in page, which shows (no redirect loop)
        page.manage().addCookie(new Cookie("crmsync_token", ApiTokens.expired("alpha", ADMIN), "/console"));
        page.get(url("/console/connections/" + connection));
        assertThat(page.getCurrentUrl()).endsWith("/console/login");
        assertThat(page.findElement(By.id("token")).isDisplayed()).isTrue();
    }

    @Test
    @Order(11)
    void anOperatorSeesEveryTenantAndFiltersByTenant() {
        String operator = ApiTokens.operator("ops-1");

        String every = app.get("/console", operator).body();
        String beta = app.get("/console?tenant=beta", operator).body();

        assertThat(every).contains("data-connection=\"" + connection + "\"", "data-connection=\"" + betaConnection + "\"");
        assertThat(beta).contains("data-connection=\"" + betaConnection + "\"")
                .doesNotContain("data-connection=\"" + connection + "\"");
        assertThat(app.get("/console?tenant=beta", ApiTokens.user("alpha", ADMIN)).statusCode()).isEqualTo(404);
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private JobExecution sync() {
        crm.beforeRun();
        return app.bean(JobRunner.class).run(ContactSyncJobConfiguration.JOB_NAME,
                new RunParameters(List.of("alpha"), Shard.ALL, 2, Instant.now()));
    }

    private String url(String path) {
        return app.uri(path).toString();
    }

    private void signIn(String token) {
        WebDriver page = browser.driver();
        page.get(url("/console/login"));
        page.findElement(By.id("token")).sendKeys(token);
        click(page, "#sign-in");
    }

    /** Clicks and waits until the browser has loaded the page the click led to. */
    private static void click(WebDriver page, String css) {
        HeadlessChromium.clickAndAwaitNavigation(page, css);
    }

    private List<Long> openErrors() {
        return jdbc.sql("SELECT id FROM crm_sync.sync_errors WHERE connection_id = :c AND status = 'open' "
                + "AND kind = 'error' ORDER BY id").param("c", connection).query(Long.class).list();
    }

    /** Each of the tenant's changed contacts with its change's sequence number (a new mark raises it). */
    private Map<Long, Long> changeSequences() {
        Map<Long, Long> sequences = new java.util.HashMap<>();
        jdbc.sql("SELECT contact_id, change_seq FROM crm_sync.contact_changes WHERE tenant_id = 'alpha'")
                .query((org.springframework.jdbc.core.RowCallbackHandler) row -> sequences.put(row.getLong(1),
                        row.getLong(2)));
        return sequences;
    }

    private long contactOf(long error) {
        return jdbc.sql("SELECT substring(record_key from length('penguinmails:contact:') + 1)::bigint "
                + "FROM crm_sync.sync_errors WHERE id = :id").param("id", error).query(Long.class).single();
    }

    private String status(long error) {
        return jdbc.sql("SELECT status FROM crm_sync.sync_errors WHERE id = :id").param("id", error)
                .query(String.class).single();
    }

    private List<String> actorsOf(String action) {
        return jdbc.sql("SELECT actor FROM crm_sync.sync_audit WHERE connection_id = :c AND action = :a")
                .param("c", connection).param("a", action).query(String.class).list();
    }
}
