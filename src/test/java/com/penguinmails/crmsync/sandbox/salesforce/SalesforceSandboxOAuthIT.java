package com.penguinmails.crmsync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OAuth 2.0 token endpoint and the life of access and refresh tokens. */
class SalesforceSandboxOAuthIT {

    private static final String CALLBACK = "http://localhost:8080/oauth/callback";
    private static SalesforceSandbox sandbox;
    private static SandboxHttp http;
    private static Map<String, Object> info;

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withSeedContacts(10)
                .withTokenTtl(Duration.ofMinutes(30)));
        http = new SandboxHttp(sandbox);
        info = sandbox.info();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        http.control("reset", "");
    }

    @Test
    void authorizationCodeFlowIssuesTokensShapedLikeSalesforces() throws Exception {
        // given
        String code = authorize();
        // when
        HttpResponse<String> response = http.form("/services/oauth2/token", Map.of("grant_type",
                "authorization_code", "code", code, "client_id", clientId(), "client_secret", clientSecret(),
                "redirect_uri", CALLBACK));
        // then
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode token = SandboxHttp.json(response.body());
        assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.get("instance_url").asText()).isEqualTo(info.get("instanceUrl"));
        assertThat(token.get("access_token").asText()).startsWith(((String) info.get("organizationId"))
                .substring(0, 15) + "!");
        assertThat(token.get("refresh_token").asText()).isNotBlank();
        assertThat(token.get("issued_at").asText()).matches("\\d{13}");
        assertThat(token.get("id").asText()).endsWith("/id/" + info.get("organizationId") + "/" + info.get("userId"));
        assertThat(token.get("signature").asText()).isEqualTo(sign(token.get("id").asText()
                + token.get("issued_at").asText()));
        assertThat(http.get("/services/data/v64.0/limits", token.get("access_token").asText()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anAuthorizationCodeWorksOnce() {
        // given
        String code = authorize();
        Map<String, String> form = Map.of("grant_type", "authorization_code", "code", code, "client_id", clientId(),
                "client_secret", clientSecret(), "redirect_uri", CALLBACK);
        http.form("/services/oauth2/token", form);
        // when
        HttpResponse<String> again = http.form("/services/oauth2/token", form);
        // then
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.json(again.body()).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void refreshingRotatesTheRefreshTokenAndTheOldOneStopsWorking() {
        // given
        String original = (String) info.get("refreshToken");
        JsonNode first = http.refresh(original);
        // when
        HttpResponse<String> reused = http.form("/services/oauth2/token", Map.of("grant_type", "refresh_token",
                "client_id", clientId(), "client_secret", clientSecret(), "refresh_token", original));
        JsonNode second = http.refresh(first.get("refresh_token").asText());
        // then
        assertThat(first.get("refresh_token").asText()).isNotEqualTo(original);
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.json(reused.body()).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(SandboxHttp.json(reused.body()).get("error_description").asText())
                .isEqualTo("expired access/refresh token");
        assertThat(second.get("access_token").asText()).isNotBlank();
    }

    @Test
    void withRotationOffARefreshAnswersNoRefreshTokenAndTheOldOneKeepsWorking() {
        // given: the connected app's refresh token rotation off, Salesforce's default
        sandbox.refreshTokenRotation(false);
        try {
            String original = (String) info.get("refreshToken");

            // when
            JsonNode first = http.refresh(original);
            JsonNode second = http.refresh(original);

            // then
            assertThat(first.has("refresh_token")).isFalse();
            assertThat(first.get("access_token").asText()).isNotBlank();
            assertThat(second.get("access_token").asText()).isNotBlank().isNotEqualTo(first.get("access_token").asText());
        } finally {
            sandbox.refreshTokenRotation(true);
        }
    }

    @Test
    void wrongClientCredentialsAndGrantTypesAreRefused() {
        // when
        HttpResponse<String> badSecret = http.form("/services/oauth2/token", Map.of("grant_type", "refresh_token",
                "client_id", clientId(), "client_secret", "nope", "refresh_token", (String) info.get("refreshToken")));
        HttpResponse<String> badClient = http.form("/services/oauth2/token", Map.of("grant_type", "refresh_token",
                "client_id", "nope", "client_secret", clientSecret(), "refresh_token", "x"));
        HttpResponse<String> badGrant = http.form("/services/oauth2/token", Map.of("grant_type", "password"));
        // then
        assertThat(SandboxHttp.json(badSecret.body()).get("error").asText()).isEqualTo("invalid_client");
        assertThat(SandboxHttp.json(badClient.body()).get("error").asText()).isEqualTo("invalid_client_id");
        assertThat(SandboxHttp.json(badGrant.body()).get("error").asText()).isEqualTo("unsupported_grant_type");
        assertThat(badSecret.statusCode()).isEqualTo(400);
    }

    @Test
    void anAccessTokenExpiresOnTheSandboxClock() {
        // given
        String token = http.refresh((String) info.get("refreshToken")).get("access_token").asText();
        assertThat(http.get("/services/data/v64.0/limits", token).statusCode()).isEqualTo(200);
        // when
        http.advanceClock(Duration.ofMinutes(30).toSeconds());
        HttpResponse<String> expired = http.get("/services/data/v64.0/limits", token);
        // then
        assertThat(expired.statusCode()).isEqualTo(401);
        JsonNode error = SandboxHttp.json(expired.body()).get(0);
        assertThat(error.get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
        assertThat(error.get("message").asText()).isEqualTo("Session expired or invalid");
    }

    private String authorize() {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(http.base()
                + "/services/oauth2/authorize?response_type=code&client_id=" + URLEncoder.encode(clientId(),
                StandardCharsets.UTF_8) + "&redirect_uri=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8)
                + "&state=xyz")).GET().build());
        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CALLBACK + "?code=").endsWith("&state=xyz");
        String code = location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
        return java.net.URLDecoder.decode(code, StandardCharsets.UTF_8);
    }

    private static String sign(String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    private static String clientId() {
        return (String) info.get("clientId");
    }

    private static String clientSecret() {
        return (String) info.get("clientSecret");
    }
}
