package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.CrmSandboxes;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code connections authorize} against each CRM sandbox: the test plays the browser (opens the printed URL and
 * follows the redirect to the local callback); the CLI exchanges the code, stores the tokens, and the connection
 * then passes {@code connections test}.
 */
class ConnectionsAuthorizeIT {

    @Test
    void anOperatorAuthorisesEachCrmInABrowserAndTheConnectionWorks() throws Exception {
        // given
        TestDatabase.Database db = TestDatabase.create("connections_authorize");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/platform").load().migrate();
        JdbcClient.create(dataSource).sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('acme', 'Acme')").update();
        Map<String, Object> properties = new HashMap<>(db.springProperties());
        properties.put("crmsync.credentials.keyset-file",
                Files.createTempDirectory("authorize").resolve("keyset.json").toString());
        properties.put("crmsync.credentials.generate-missing", "true");
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        try (CrmSandboxes crms = CrmSandboxes.start(SandboxOptions.defaults().withSeedContacts(3))) {
            Map<String, Map<String, Object>> apps = Map.of(
                    "salesforce", crms.sandbox("salesforce").info(), "hubspot", crms.sandbox("hubspot").info(),
                    "pipedrive", crms.sandbox("pipedrive").info());
            for (String crm : List.of("salesforce", "hubspot", "pipedrive")) {
                Map<String, Object> app = apps.get(crm);
                String base = crm.equals("salesforce") ? app.get("instanceUrl").toString()
                        : crm.equals("pipedrive") ? app.get("apiDomain").toString() : app.get("baseUrl").toString();
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();

                // when: the command waits for the browser while the "user" opens the URL it printed
                CompletableFuture<Integer> command = CompletableFuture.supplyAsync(() -> CrmSyncCli.execute(
                        new String[] {"connections", "authorize", "--tenant", "acme", "--crm", crm, "--client-id",
                                app.get("clientId").toString(), "--client-secret=" + app.get("clientSecret"),
                                "--base-url", base, "--account", crm + "-account", "--timeout-s", "60"},
                        properties, new PrintWriter(out, true), new PrintWriter(err, true)));
                String url = awaitUrl(out, command);
                HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());

                // then
                assertThat(page.body()).as(crm).contains("Authorised");
                assertThat(command.get(60, TimeUnit.SECONDS)).as("%s: %s %s", crm, out, err).isZero();
                assertThat(out.toString() + err).doesNotContain(app.get("clientSecret").toString());
                long id = Long.parseLong(out.toString().replaceAll("(?s).*connection (\\d+): tenant acme.*", "$1"));
                StringWriter tested = new StringWriter();
                int testExit = CrmSyncCli.execute(new String[] {"connections", "test", Long.toString(id)}, properties,
                        new PrintWriter(tested), new PrintWriter(tested));
                assertThat(testExit).as("%s: %s", crm, tested).isZero();
            }
        }
    }

    private static String awaitUrl(StringWriter out, CompletableFuture<Integer> command) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            for (String line : out.toString().split("\\R")) {
                if (line.startsWith("http")) {
                    return line.trim();
                }
            }
            assertThat(command.isDone()).as("the command ended early: %s", out).isFalse();
            Thread.sleep(50);
        }
        throw new AssertionError("no consent URL printed: " + out);
    }
}
