package com.penguinmails.crmsync.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OAuth v1 token endpoint, private-app tokens and HubSpot's 401 bodies. */
class HubSpotSandboxAuthIT {

    private static HubSpotSandbox sandbox;
    private static Map<String, Object> oauth;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() {
        sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(5).withTokenTtl(
                Duration.ofMinutes(30)));
        oauth = (Map<String, Object>) sandbox.info().get("oauth");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String form(Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return form.toString();
    }

    private static HubSpotTestClient.Reply refresh(String refreshToken) {
        return new HubSpotTestClient(sandbox).withToken(null).postRaw("/oauth/v1/token",
                "application/x-www-form-urlencoded", form(Map.of("grant_type", "refresh_token",
                        "client_id", (String) oauth.get("clientId"),
                        "client_secret", (String) oauth.get("clientSecret"),
                        "refresh_token", refreshToken)));
    }

    @Test
    void requestWithoutTokenGetsInvalidAuthentication() {
        // given
        HubSpotTestClient client = new HubSpotTestClient(sandbox).withToken(null);

        // when
        HubSpotTestClient.Reply reply = client.get("/crm/v3/objects/contacts");

        // then
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("status").asString()).isEqualTo("error");
        assertThat(reply.json().path("category").asString()).isEqualTo("INVALID_AUTHENTICATION");
        assertThat(reply.json().path("correlationId").asString()).matches("[0-9a-f-]{36}");
        assertThat(reply.json().path("message").asString()).startsWith("Authentication credentials not found");
    }

    @Test
    void unknownBearerTokenIsRejected() {
        // when
        HubSpotTestClient.Reply reply = new HubSpotTestClient(sandbox).withToken("pat-na1-not-a-token")
                .get("/crm/v3/objects/contacts");

        // then
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("category").asString()).isEqualTo("INVALID_AUTHENTICATION");
    }

    @Test
    void privateAppTokenFromInfoIsAccepted() {
        // when
        HubSpotTestClient.Reply reply = new HubSpotTestClient(sandbox).get("/crm/v3/objects/contacts");

        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("results").size()).isEqualTo(5);
    }

    @Test
    void refreshGrantIssuesBearerTokenWithTheConfiguredLifetime() {
        // when
        HubSpotTestClient.Reply reply = refresh((String) oauth.get("refreshToken"));

        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("token_type").asString()).isEqualTo("bearer");
        assertThat(reply.json().path("expires_in").asLong()).isEqualTo(1800);
        assertThat(reply.json().path("refresh_token").asString()).isEqualTo(oauth.get("refreshToken"));
        String access = reply.json().path("access_token").asString();
        assertThat(new HubSpotTestClient(sandbox).withToken(access).get("/crm/v3/objects/contacts").status())
                .isEqualTo(200);
    }

    @Test
    void unknownRefreshTokenGetsBadRefreshToken() {
        // when
        HubSpotTestClient.Reply reply = refresh("na1-0000-not-issued");

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("status").asString()).isEqualTo("BAD_REFRESH_TOKEN");
        assertThat(reply.json().path("message").asString()).isNotBlank();
        assertThat(reply.json().has("correlationId")).isTrue();
    }

    @Test
    void wrongClientSecretIsRefused() {
        // when
        HubSpotTestClient.Reply reply = new HubSpotTestClient(sandbox).withToken(null).postRaw("/oauth/v1/token",
                "application/x-www-form-urlencoded", form(Map.of("grant_type", "refresh_token",
                        "client_id", (String) oauth.get("clientId"), "client_secret", "wrong",
                        "refresh_token", (String) oauth.get("refreshToken"))));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("status").asString()).isEqualTo("BAD_CLIENT_SECRET");
    }

    @Test
    void accessTokenExpiresOnTheSandboxClock() {
        // given
        try (HubSpotSandbox own = HubSpotSandbox.start(SandboxOptions.defaults().withTokenTtl(
                Duration.ofSeconds(60)))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> ownOauth = (Map<String, Object>) own.info().get("oauth");
            HubSpotTestClient client = new HubSpotTestClient(own).withToken(null);
            String access = client.postRaw("/oauth/v1/token", "application/x-www-form-urlencoded",
                    form(Map.of("grant_type", "refresh_token", "client_id", (String) ownOauth.get("clientId"),
                            "client_secret", (String) ownOauth.get("clientSecret"),
                            "refresh_token", (String) ownOauth.get("refreshToken"))))
                    .json().path("access_token").asString();

            // when
            client.withToken(null).post("/_sandbox/clock", Map.of("advanceSeconds", 61));
            HubSpotTestClient.Reply reply = client.withToken(access).get("/crm/v3/objects/contacts");

            // then
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().path("category").asString()).isEqualTo("EXPIRED_AUTHENTICATION");
            assertThat(reply.json().path("message").asString())
                    .matches("The OAuth token used to make this call expired \\d+ second\\(s\\) ago\\.");
        }
    }

    @Test
    void authorizationCodeIsExchangedOnceForTokens() {
        // given
        HubSpotTestClient client = new HubSpotTestClient(sandbox).withToken(null);
        String redirect = (String) oauth.get("redirectUri");
        HubSpotTestClient.Reply consent = client.get("/oauth/authorize?client_id=" + oauth.get("clientId")
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&scope=oauth");
        assertThat(consent.status()).isEqualTo(302);
        String code = consent.header("Location").replaceAll(".*[?&]code=([^&]+).*", "$1");
        String exchange = form(Map.of("grant_type", "authorization_code",
                "client_id", (String) oauth.get("clientId"), "client_secret", (String) oauth.get("clientSecret"),
                "redirect_uri", redirect, "code", code));

        // when
        HubSpotTestClient.Reply first = client.postRaw("/oauth/v1/token", "application/x-www-form-urlencoded",
                exchange);
        HubSpotTestClient.Reply second = client.postRaw("/oauth/v1/token", "application/x-www-form-urlencoded",
                exchange);

        // then
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("refresh_token").asString()).isNotEqualTo(oauth.get("refreshToken"));
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.json().path("status").asString()).isEqualTo("BAD_AUTH_CODE");
    }
}
