package com.penguinmails.crmsync.serve.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.testing.ApiTokens;
import com.penguinmails.crmsync.testing.ServeApp;
import com.penguinmails.crmsync.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call {@code /api/v1} on a running {@code crm-sync serve}: a bearer JWT signed with the shared secret and
 * naming a tenant (or carrying the operator scope); no token, a forged or expired one is a 401 problem body on every
 * endpoint; a token of another tenant sees none of this tenant's connections (404, as if they did not exist).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSecurityIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestDatabase.Database db = TestDatabase.create("api-security");
    private ServeApp app;
    private long alphaConnection;

    @BeforeAll
    void start() {
        app = ServeApp.start(db, Map.of());
        JdbcClient jdbc = app.bean(JdbcClient.class);
        jdbc.sql("INSERT INTO penguinmails.tenants (id, name) VALUES ('alpha', 'Alpha'), ('beta', 'Beta')").update();
        alphaConnection = app.bean(ConnectionStore.class).add("alpha", CrmKind.of("hubspot"), "hub-1",
                Map.of("baseUrl", "http://127.0.0.1:9"));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aTenantsTokenNamesItsCaller() {
        // when
        HttpResponse<String> me = app.get("/api/v1/me", ApiTokens.user("alpha", "user-7"));

        // then
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(me.body());
        assertThat(body.path("subject").asString()).isEqualTo("user-7");
        assertThat(body.path("tenant").asString()).isEqualTo("alpha");
        assertThat(body.path("operator").asBoolean()).isFalse();
    }

    @Test
    void anOperatorsTokenNeedsNoTenant() {
        HttpResponse<String> me = app.get("/api/v1/me", ApiTokens.operator("ops-1"));

        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).path("operator").asBoolean()).isTrue();
    }

    @Test
    void noTokenAForgedOneAndAnExpiredOneAreRefusedWithAProblemBody() {
        for (String token : new String[] {null, ApiTokens.forged("alpha", "mallory"),
                ApiTokens.expired("alpha", "user-7"), "not-a-jwt"}) {
            HttpResponse<String> answer = app.get("/api/v1/me", token);

            assertThat(answer.statusCode()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(JSON.readTree(answer.body()).path("type").asString()).endsWith("/unauthenticated");
            assertThat(answer.headers().firstValue("WWW-Authenticate")).isPresent();
        }
    }

    @Test
    void aTokenWithoutTenantOrOperatorScopeIsForbidden() {
        String token = ApiTokens.sign(ApiTokens.SECRET, "someone", Map.of("scope", "openid"),
                java.time.Duration.ofMinutes(5));

        HttpResponse<String> answer = app.get("/api/v1/me", token);

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(answer.body()).path("detail").asString()).contains("tenant");
    }

    @Test
    void theOpenApiDocumentIsServedAndDescribesTheBearerScheme() {
        HttpResponse<String> doc = app.get("/api/v1/openapi.json", null);

        assertThat(doc.statusCode()).as(doc.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(doc.body());
        assertThat(body.path("paths").has("/api/v1/me")).isTrue();
        assertThat(body.path("components").path("securitySchemes").path("bearer-jwt").path("scheme").asString())
                .isEqualTo("bearer");
    }

    @Test
    void theApiDocumentsBrowserOpensWithoutAToken() {
        HttpResponse<String> docs = app.get("/api/v1/docs", null);
        assertThat(docs.statusCode()).isEqualTo(302);
        String page = docs.headers().firstValue("Location").orElseThrow();

        HttpResponse<String> browser = app.get(java.net.URI.create(page).getPath(), null);

        assertThat(browser.statusCode()).as(page).isEqualTo(200);
        assertThat(browser.body()).contains("swagger-ui");
    }

    @Test
    void healthProbesAndWebhooksNeedNoToken() {
        assertThat(app.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        HttpResponse<String> webhook = app.send("POST", "/webhooks/hubspot", null, "[]");
        // refused by the webhook's own signature check, not by the API's security
        assertThat(JSON.readTree(webhook.body()).path("type").asString()).contains("webhook-");
    }

    @Test
    void everyApiEndpointRefusesACallWithoutAValidToken() {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).isNotEmpty();
        for (Endpoint endpoint : endpoints) {
            for (String token : new String[] {null, ApiTokens.forged("alpha", "mallory")}) {
                HttpResponse<String> answer = endpoint.call(app, token, alphaConnection);
                assertThat(answer.statusCode()).as(endpoint + " with " + (token == null ? "no token" : "a forged one"))
                        .isEqualTo(401);
            }
        }
    }

    @Test
    void everyConnectionEndpointAnswersAnotherTenantAsIfTheConnectionDidNotExist() {
        String beta = ApiTokens.user("beta", "user-b");
        for (Endpoint endpoint : endpoints()) {
            if (!endpoint.path().contains("{connectionId}")) {
                continue;
            }
            HttpResponse<String> answer = endpoint.call(app, beta, alphaConnection);
            assertThat(answer.statusCode()).as(endpoint + ": " + answer.body()).isEqualTo(404);
            assertThat(JSON.readTree(answer.body()).path("type").asString()).endsWith("/not-found");
        }
    }

    /** Every {@code /api/v1} handler method of this project, by method and path pattern. */
    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        var mapping = app.context().getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        for (var handler : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = handler.getKey();
            if (!handler.getValue().getBeanType().getPackageName().startsWith("com.penguinmails")) {
                continue; // springdoc's document and browser, open to all
            }
            for (String path : info.getPatternValues()) {
                if (!path.startsWith("/api/v1/")) {
                    continue;
                }
                var methods = info.getMethodsCondition().getMethods();
                for (RequestMethod method : methods.isEmpty() ? java.util.Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(new Endpoint(method.name(), path));
                }
            }
        }
        return endpoints;
    }

    /** One handler method: its path variables filled ({@code connectionId} with the connection given). */
    record Endpoint(String method, String path) {

        HttpResponse<String> call(ServeApp app, String token, long connection) {
            String concrete = path.replace("{connectionId}", Long.toString(connection))
                    .replace("{crm}", "hubspot")
                    .replaceAll("\\{[^}]+}", "1");
            return method.equals("GET") ? app.get(concrete, token) : app.send(method, concrete, token, "{}");
        }
    }
}
