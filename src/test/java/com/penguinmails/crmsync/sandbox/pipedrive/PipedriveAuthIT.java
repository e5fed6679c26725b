package com.penguinmails.crmsync.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** API-token and OAuth authentication, and Pipedrive's 401. */
class PipedriveAuthIT {

    private PipedriveSandbox sandbox;
    private Map<String, Object> oauth;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start() {
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withSeedContacts(5)
                .withTokenTtl(Duration.ofHours(1)));
        oauth = (Map<String, Object>) sandbox.info().get("oauth");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void apiTokenIsAcceptedInTheHeaderAndInTheQuery() {
        assertThat(PipedriveHttp.withApiToken(sandbox).get("/api/v2/persons").status()).isEqualTo(200);
        assertThat(PipedriveHttp.anonymous(sandbox).get("/api/v2/persons?api_token=" + sandbox.apiToken()).status())
                .isEqualTo(200);
        assertThat(sandbox.apiToken()).matches("[0-9a-f]{40}");
    }

    @Test
    void missingOrWrongCredentialsGetPipedrivesUnauthorizedBody() {
        // when
        PipedriveHttp.Answer missing = PipedriveHttp.anonymous(sandbox).get("/api/v2/persons");
        PipedriveHttp.Answer wrong = PipedriveHttp.anonymous(sandbox).get("/api/v2/persons?api_token=nope");
        PipedriveHttp.Answer bearer = PipedriveHttp.withBearer(sandbox, "forged").get("/api/v2/persons");

        // then
        for (PipedriveHttp.Answer answer : new PipedriveHttp.Answer[] {missing, wrong, bearer}) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().get("success").asBoolean()).isFalse();
            assertThat(answer.json().get("error").asString()).isEqualTo("unauthorized access");
            assertThat(answer.json().get("errorCode").asInt()).isEqualTo(401);
        }
    }

    @Test
    void authorizationCodeGrantGivesABearerTokenForTheSandboxApiDomain() {
        // when
        PipedriveHttp.Answer token = exchange("grant_type=authorization_code&code=" + oauth.get("authorizationCode")
                + "&redirect_uri=" + oauth.get("redirectUri"));

        // then
        assertThat(token.status()).isEqualTo(200);
        JsonNode json = token.json();
        assertThat(json.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(json.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(json.get("api_domain").asString()).isEqualTo(sandbox.server().baseUri().toString());
        assertThat(json.get("refresh_token").asString()).isNotBlank();
        assertThat(json.get("scope").asString()).contains("contacts:full");
        assertThat(PipedriveHttp.withBearer(sandbox, json.get("access_token").asString()).get("/api/v2/persons")
                .status()).isEqualTo(200);
    }

    @Test
    void anAuthorizationCodeWorksOnce() {
        String form = "grant_type=authorization_code&code=" + oauth.get("authorizationCode")
                + "&redirect_uri=" + oauth.get("redirectUri");
        assertThat(exchange(form).status()).isEqualTo(200);
        PipedriveHttp.Answer again = exchange(form);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void accessTokensExpireOnTheSandboxClockAndTheRefreshGrantIssuesANewOne() {
        // given
        JsonNode first = exchange("grant_type=authorization_code&code=" + oauth.get("authorizationCode")
                + "&redirect_uri=" + oauth.get("redirectUri")).json();
        PipedriveHttp client = PipedriveHttp.withBearer(sandbox, first.get("access_token").asString());

        // when
        sandbox.server().clock().advance(Duration.ofHours(1));

        // then
        assertThat(client.get("/api/v2/persons").status()).isEqualTo(401);
        PipedriveHttp.Answer refreshed = exchange("grant_type=refresh_token&refresh_token="
                + first.get("refresh_token").asString());
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(PipedriveHttp.withBearer(sandbox, refreshed.json().get("access_token").asString())
                .get("/api/v2/persons").status()).isEqualTo(200);
    }

    @Test
    void theTokenEndpointRejectsWrongClientCredentialsAndUnknownRefreshTokens() {
        PipedriveHttp anonymous = PipedriveHttp.anonymous(sandbox);
        String wrongBasic = "Basic " + Base64.getEncoder().encodeToString((oauth.get("clientId") + ":bad")
                .getBytes(StandardCharsets.UTF_8));
        PipedriveHttp.Answer badClient = anonymous.postForm("/oauth/token", "grant_type=refresh_token&refresh_token=x",
                Map.of("Authorization", wrongBasic));
        assertThat(badClient.status()).isEqualTo(401);
        assertThat(badClient.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(exchange("grant_type=refresh_token&refresh_token=unknown").status()).isEqualTo(400);
        assertThat(exchange("grant_type=password").json().get("error").asString())
                .isEqualTo("unsupported_grant_type");
    }

    @Test
    void authorizeRedirectsToTheCallbackWithACodeAndTheState() {
        // when
        PipedriveHttp.Answer redirect = PipedriveHttp.anonymous(sandbox).get("/oauth/authorize?client_id="
                + oauth.get("clientId") + "&redirect_uri=" + oauth.get("redirectUri") + "&state=xyz");

        // then
        assertThat(redirect.status()).isEqualTo(302);
        String location = redirect.header("location").orElseThrow();
        assertThat(location).startsWith((String) oauth.get("redirectUri")).contains("code=").endsWith("&state=xyz");
        String code = java.net.URLDecoder.decode(location.replaceAll(".*code=([^&]+).*", "$1"),
                StandardCharsets.UTF_8);
        assertThat(exchange("grant_type=authorization_code&code=" + code + "&redirect_uri="
                + oauth.get("redirectUri")).status()).isEqualTo(200);
    }

    private PipedriveHttp.Answer exchange(String form) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((oauth.get("clientId") + ":"
                + oauth.get("clientSecret")).getBytes(StandardCharsets.UTF_8));
        return PipedriveHttp.anonymous(sandbox).postForm("/oauth/token", form, Map.of("Authorization", basic));
    }
}
