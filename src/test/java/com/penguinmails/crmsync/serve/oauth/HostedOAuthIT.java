package com.penguinmails.crmsync.serve.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.credentials.Credential;
import com.penguinmails.crmsync.credentials.CredentialStore;
import com.penguinmails.crmsync.sandbox.CrmSandboxes;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.testing.ApiTokens;
import com.penguinmails.crmsync.testing.ServeApp;
import com.penguinmails.crmsync.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connecting each CRM sandbox from PenguinMails settings through a running {@code crm-sync serve}: the API hands out the
 * CRM's consent URL (PKCE S256, single-use state), the test plays the user's browser (consent page, approve or deny,
 * back to the callback), and the callback stores the tokens sealed and sends the browser to the settings page with the
 * outcome; every failure stores nothing. Also API-token connect and reconnect in place.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostedOAuthIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SETTINGS = "https://app.penguinmails.example/settings/crm";
    private static final List<String> CRMS = List.of("salesforce", "hubspot", "pipedrive");
    private static final List<String> SCENARIOS = List.of("connect", "deny", "expire", "pkce", "reconnect", "token");

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private CrmSandboxes crms;
    private ServeApp app;
    private JdbcClient jdbc;
    private int port;

    @BeforeAll
    void start() throws IOException {
        crms = CrmSandboxes.start(SandboxOptions.defaults().withSeedContacts(1));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("crmsync.serve.port", port);
        properties.put("crmsync.oauth.redirect-base-url", "http://127.0.0.1:" + port);
        properties.put("crmsync.oauth.settings-url", SETTINGS);
        for (String crm : CRMS) {
            Map<String, Object> info = crms.sandbox(crm).info();
            String prefix = "crmsync.oauth.apps." + crm + ".";
            properties.put(prefix + "client-id", info.get("clientId"));
            properties.put(prefix + "client-secret", info.get("clientSecret"));
            properties.put(prefix + "base-url", base(crm));
        }
        app = ServeApp.start(TestDatabase.create("hosted-oauth"), properties);
        jdbc = app.bean(JdbcClient.class);
        for (String scenario : SCENARIOS) {
            for (String crm : CRMS) {
                jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES (?, ?)").params(tenant(scenario, crm),
                        scenario + " " + crm).update();
            }
        }
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (crms != null) {
            crms.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"salesforce", "hubspot", "pipedrive"})
    void approvingConsentConnectsTheCrmWithSealedTokensAndAReplayedStateIsRefused(String crm) throws Exception {
        // given
        String tenant = tenant("connect", crm);
        double before = counted(crm, "connected");

        // when
        URI consent = authorize(crm, ApiTokens.user(tenant, "user-1"));
        URI callback = consent(consent, "approve");
        URI settings = follow(callback);

        // then: the consent URL is an authorization-code request with PKCE S256 and the registered callback
        Map<String, String> asked = query(consent);
        assertThat(asked).containsEntry("response_type", "code")
                .containsEntry("client_id", crms.sandbox(crm).info().get("clientId").toString())
                .containsEntry("redirect_uri", "http://127.0.0.1:" + port + "/oauth/callback/" + crm)
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "code_challenge");
        assertThat(asked.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        if (!crm.equals("pipedrive")) {
            assertThat(asked.get("scope")).isEqualTo(OAuthScopes.defaults(crm));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.oauth_states WHERE state_hash = ?")
                .param(OAuthStates.hash(asked.get("state"))).query(Long.class).single()).isZero();
        Map<String, String> outcome = query(settings);
        assertThat(settings.toString()).startsWith(SETTINGS + "?");
        assertThat(outcome).containsEntry("crm", crm).containsEntry("outcome", "connected").containsKey("connection");
        long id = Long.parseLong(outcome.get("connection"));
        Map<String, Object> row = jdbc.sql("SELECT tenant_id, crm, status, account_ref FROM crm_sync.connections "
                + "WHERE id = ?").param(id).query().singleRow();
        assertThat(row).containsEntry("tenant_id", tenant).containsEntry("crm", crm).containsEntry("status", "active");
        assertThat(row.get("account_ref")).isNotNull();
        Credential stored = app.bean(CredentialStore.class).find(id).orElseThrow();
        assertThat(stored).isInstanceOf(Credential.OAuth.class);
        String accessToken = ((Credential.OAuth) stored).accessToken();
        byte[] sealed = jdbc.sql("SELECT ciphertext FROM crm_sync.credentials WHERE connection_id = ?").param(id)
                .query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(accessToken);
        assertThat(audited(tenant, "oauth.authorization-started")).isEqualTo(1);
        assertThat(audited(tenant, "connection.connected")).isEqualTo(1);
        assertThat(counted(crm, "connected")).isEqualTo(before + 1);

        // and when the browser comes back with the same state again
        Map<String, String> replay = query(follow(callback));

        // then
        assertThat(replay).containsEntry("outcome", "failed").doesNotContainKey("connection");
        assertThat(connections(tenant)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"salesforce", "hubspot", "pipedrive"})
    void denyingConsentStoresNothingAndSaysDenied(String crm) throws Exception {
        // given
        String tenant = tenant("deny", crm);
        URI consent = authorize(crm, ApiTokens.user(tenant, "user-2"));

        // when
        URI callback = consent(consent, "deny");
        Map<String, String> outcome = query(follow(callback));

        // then
        assertThat(query(callback)).containsEntry("error", "access_denied")
                .containsEntry("state", query(consent).get("state"));
        assertThat(outcome).containsEntry("outcome", "denied").doesNotContainKey("connection");
        assertThat(connections(tenant)).isZero();
        assertThat(audited(tenant, "oauth.authorization-failed")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"salesforce", "hubspot", "pipedrive"})
    void anExpiredStateStoresNothingAndSaysExpired(String crm) throws Exception {
        // given: an authorisation started longer ago than crmsync.oauth.state-ttl
        String tenant = tenant("expire", crm);
        URI consent = authorize(crm, ApiTokens.user(tenant, "user-3"));
        jdbc.sql("UPDATE crm_sync.oauth_states SET expires_at = now() - interval '1 second' WHERE tenant_id = ?")
                .param(tenant).update();

        // when
        Map<String, String> outcome = query(follow(consent(consent, "approve")));

        // then
        assertThat(outcome).containsEntry("outcome", "expired").doesNotContainKey("connection");
        assertThat(connections(tenant)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"salesforce", "hubspot"})
    void theCodeOfOneAuthorisationWithTheStateOfAnotherFailsPkceAndStoresNothing(String crm) throws Exception {
        // given: two authorisations approved; the code of the first is sent back with the state of the second
        String tenant = tenant("pkce", crm);
        URI first = consent(authorize(crm, ApiTokens.user(tenant, "user-4")), "approve");
        URI second = consent(authorize(crm, ApiTokens.user(tenant, "user-4")), "approve");
        URI crossed = URI.create("http://127.0.0.1:" + port + "/oauth/callback/" + crm + "?code="
                + enc(query(first).get("code")) + "&state=" + enc(query(second).get("state")));

        // when
        Map<String, String> outcome = query(follow(crossed));

        // then: the CRM refused the code, since the verifier is the second authorisation's
        assertThat(outcome).containsEntry("outcome", "failed");
        assertThat(outcome.get("message")).contains("refused the authorization code");
        assertThat(connections(tenant)).isZero();
    }

    @Test
    void reconnectingKeepsTheConnectionAndItsRecordLinks() throws Exception {
        // given: a Salesforce connection with a record link
        String tenant = tenant("reconnect", "salesforce");
        String token = ApiTokens.user(tenant, "user-5");
        long id = Long.parseLong(query(follow(consent(authorize("salesforce", token), "approve"))).get("connection"));
        jdbc.sql("INSERT INTO crm_sync.record_links (connection_id, object_type, crm_id, pm_entity, pm_id) "
                + "VALUES (?, 'Contact', '003000000000001AAA', 'contact', 1)").param(id).update();
        String before = ((Credential.OAuth) app.bean(CredentialStore.class).find(id).orElseThrow()).accessToken();

        // when
        HttpResponse<String> started = app.send("POST", "/api/v1/connections/" + id + "/reconnect", token, null);
        URI consent = URI.create(JSON.readTree(started.body()).get("authorizationUrl").asString());
        Map<String, String> outcome = query(follow(consent(consent, "approve")));

        // then
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(outcome).containsEntry("outcome", "reconnected").containsEntry("connection", Long.toString(id));
        assertThat(connections(tenant)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM crm_sync.record_links WHERE connection_id = ?").param(id)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(((Credential.OAuth) app.bean(CredentialStore.class).find(id).orElseThrow()).accessToken())
                .isNotEqualTo(before);
        assertThat(audited(tenant, "connection.credentials-replaced")).isEqualTo(1);
        assertThat(app.send("POST", "/api/v1/connections/" + id + "/reconnect",
                ApiTokens.user(tenant("reconnect", "hubspot"), "intruder"), null).statusCode()).isEqualTo(404);
    }

    @Test
    void anApiTokenTheCrmAcceptsConnectsAndOneItRefusesStoresNothing() throws Exception {
        // given
        String tenant = tenant("token", "pipedrive");
        String token = ApiTokens.user(tenant, "user-6");
        String good = crms.sandbox("pipedrive").info().get("apiToken").toString();

        // when
        HttpResponse<String> refused = app.send("POST", "/api/v1/connections/pipedrive", token,
                "{\"apiToken\": \"not-a-token\", \"baseUrl\": \"" + base("pipedrive") + "\"}");
        HttpResponse<String> salesforce = app.send("POST", "/api/v1/connections/salesforce", token,
                "{\"apiToken\": \"x\"}");
        HttpResponse<String> created = app.send("POST", "/api/v1/connections/pipedrive", token,
                "{\"apiToken\": \"" + good + "\", \"baseUrl\": \"" + base("pipedrive") + "\"}");
        JsonNode body = JSON.readTree(created.body());
        HttpResponse<String> replaced = app.send("POST", "/api/v1/connections/" + body.get("id").asLong()
                + "/reconnect", token, "{\"apiToken\": \"" + good + "\"}");

        // then
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).get("errors").get(0).get("field").asString()).isEqualTo("apiToken");
        assertThat(salesforce.statusCode()).as(salesforce.body()).isEqualTo(400);
        assertThat(JSON.readTree(salesforce.body()).get("errors").get(0).get("field").asString()).isEqualTo("apiToken");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(body.get("tenant").asString()).isEqualTo(tenant);
        assertThat(body.get("crm").asString()).isEqualTo("pipedrive");
        assertThat(body.get("status").asString()).isEqualTo("active");
        assertThat(body.get("accountRef").asString()).isNotBlank();
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(JSON.readTree(replaced.body()).get("id").asLong()).isEqualTo(body.get("id").asLong());
        assertThat(connections(tenant)).isEqualTo(1);
        assertThat(app.bean(CredentialStore.class).find(body.get("id").asLong()).orElseThrow())
                .isEqualTo(new Credential.ApiToken(good));
    }

    @Test
    void anOperatorMustNameTheTenantAndAnUnknownCrmIsNotFound() {
        // given: an operator asking for a tenant, and a CRM id this build does not have
        String operator = ApiTokens.operator("ops");

        // when
        HttpResponse<String> noTenant = app.send("POST", "/api/v1/connections/salesforce/authorize", operator, "{}");
        HttpResponse<String> unknown = app.send("POST", "/api/v1/connections/zoho/authorize", operator,
                "{\"tenant\": \"" + tenant("connect", "hubspot") + "\"}");

        // then
        assertThat(noTenant.statusCode()).as(noTenant.body()).isEqualTo(400);
        assertThat(noTenant.body()).contains("tenant");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
    }

    private URI authorize(String crm, String token) {
        HttpResponse<String> started = app.send("POST", "/api/v1/connections/" + crm + "/authorize", token, null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(started.body());
        assertThat(body.get("expiresAt").asString()).isNotBlank();
        return URI.create(body.get("authorizationUrl").asString());
    }

    /** Opens the consent page as a browser, clicks Allow or Deny; the CRM's redirect back to the callback. */
    private URI consent(URI consentUrl, String decision) throws Exception {
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(consentUrl + "&prompt=consent"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Matcher link = Pattern.compile("id=\"" + decision + "\" href=\"([^\"]+)\"").matcher(page.body());
        assertThat(link.find()).as(page.body()).isTrue();
        URI clicked = consentUrl.resolve(link.group(1).replace("&amp;", "&"));
        HttpResponse<String> redirect = browser.send(HttpRequest.newBuilder(clicked).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        return URI.create(redirect.headers().firstValue("Location").orElseThrow());
    }

    /** The browser at the callback: where the service sends it (the settings page). */
    private URI follow(URI callback) throws Exception {
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(callback).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        return URI.create(answer.headers().firstValue("Location").orElseThrow());
    }

    private String base(String crm) {
        Map<String, Object> info = crms.sandbox(crm).info();
        return (crm.equals("salesforce") ? info.get("instanceUrl") : crm.equals("pipedrive") ? info.get("apiDomain")
                : info.get("baseUrl")).toString();
    }

    private long connections(String tenant) {
        return jdbc.sql("SELECT count(*) FROM crm_sync.connections WHERE tenant_id = ?").param(tenant)
                .query(Long.class).single();
    }

    private long audited(String tenant, String action) {
        return jdbc.sql("SELECT count(*) FROM crm_sync.sync_audit WHERE tenant_id = ? AND action = ?")
                .params(tenant, action).query(Long.class).single();
    }

    private double counted(String crm, String outcome) {
        var counter = app.bean(MeterRegistry.class).find("crmsync.oauth.authorizations").tags("crm", crm, "outcome",
                outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String tenant(String scenario, String crm) {
        return scenario + "-" + crm;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, eq < 0 ? pair.length() : eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
