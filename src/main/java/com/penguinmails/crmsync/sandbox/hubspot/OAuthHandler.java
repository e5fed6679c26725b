package com.penguinmails.crmsync.sandbox.hubspot;

import com.penguinmails.crmsync.sandbox.support.ConsentPage;
import com.penguinmails.crmsync.sandbox.support.PkceChallenges;

import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * HubSpot's OAuth v1 endpoints: {@code POST /oauth/v1/token} (authorization_code and refresh_token grants, form or
 * query parameters, errors as {@code {status:"BAD_REFRESH_TOKEN", message, correlationId, requestId}}),
 * {@code GET /oauth/v1/access-tokens/{token}} (token metadata), and {@code GET /oauth/authorize} (the consent page
 * with {@code prompt=consent}, see {@link ConsentPage}) that redirects back with a code bound to the PKCE challenge
 * ({@link PkceChallenges}) (on the real service that page lives on app.hubspot.com). {@code POST /_sandbox/consent}
 * with {@code {"prompt": true}} shows the page on every authorisation (a user who has not approved the app yet, as a
 * browser test of a hosted connect needs), {@code false} goes back to approving at once.
 */
final class OAuthHandler {

    private final TokenStore tokens;
    private final PkceChallenges pkce = new PkceChallenges();
    /** Whether every authorisation shows the consent page, as for a user who has not approved the app yet. */
    private volatile boolean promptAlways;

    OAuthHandler(TokenStore tokens) {
        this.tokens = tokens;
    }

    void register(SandboxHttpServer server) {
        server.route("POST", "/oauth/v1/token", this::token);
        server.route("GET", "/oauth/v1/access-tokens/{token}", this::accessTokenInfo);
        server.route("GET", "/oauth/authorize", this::authorize);
        server.control("POST consent", body -> {
            promptAlways = body != null && body.path("prompt").asBoolean(false);
            return SandboxResponse.json(200, Map.of("prompt", promptAlways));
        });
    }

    private SandboxResponse token(SandboxRequest request) {
        Map<String, List<String>> form = new LinkedHashMap<>(request.query());
        SandboxHttpServer.query(request.bodyText()).forEach(form::put);
        String grantType = first(form, "grant_type");
        if (!"refresh_token".equals(grantType) && !"authorization_code".equals(grantType)) {
            return error("BAD_GRANT_TYPE", "missing or unknown grant type");
        }
        if (!tokens.knowsClient(first(form, "client_id"))) {
            return error("BAD_CLIENT_ID", "missing or unknown client id");
        }
        if (!tokens.secretMatches(first(form, "client_secret"))) {
            return error("BAD_CLIENT_SECRET", "missing or invalid client secret");
        }
        String refresh;
        if ("refresh_token".equals(grantType)) {
            refresh = first(form, "refresh_token");
            if (!tokens.knowsRefreshToken(refresh)) {
                return error("BAD_REFRESH_TOKEN", "missing or invalid refresh token");
            }
        } else {
            String redirect = first(form, "redirect_uri");
            var issuedFor = tokens.redeemCode(first(form, "code"));
            if (!pkce.verifies(first(form, "code"), first(form, "code_verifier"))) {
                return error("BAD_AUTH_CODE", "code_verifier does not match the code_challenge of the auth code");
            }
            if (issuedFor.isEmpty()) {
                return error("BAD_AUTH_CODE", "missing or unknown auth code");
            }
            if (!issuedFor.get().equals(redirect)) {
                return error("BAD_REDIRECT_URI", "redirect_uri does not match initial auth code URL");
            }
            refresh = tokens.issueRefreshToken();
        }
        TokenStore.AccessToken access = tokens.issueAccessToken(refresh);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "bearer");
        body.put("refresh_token", refresh);
        body.put("access_token", access.token());
        body.put("expires_in", tokens.ttlSeconds());
        body.put("hub_id", tokens.hubId());
        body.put("scopes", TokenStore.SCOPES);
        return SandboxResponse.json(200, body);
    }

    private SandboxResponse accessTokenInfo(SandboxRequest request) {
        TokenStore.AccessToken access = tokens.accessToken(request.pathParam("token"));
        if (access == null) {
            return HubSpotErrors.response(new ApiError(404, "OBJECT_NOT_FOUND", "Token not found", null, Map.of(),
                    List.of()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", access.token());
        body.put("user", "sandbox-user@penguinmails.example");
        body.put("hub_domain", "sandbox-" + tokens.hubId() + ".hubspot.example");
        body.put("scopes", TokenStore.SCOPES);
        body.put("hub_id", tokens.hubId());
        body.put("app_id", TokenStore.APP_ID);
        body.put("expires_in", tokens.secondsLeft(access));
        body.put("user_id", 1);
        body.put("token_type", "access");
        return SandboxResponse.json(200, body);
    }

    private SandboxResponse authorize(SandboxRequest request) {
        if (!tokens.knowsClient(request.queryParam("client_id").orElse(""))) {
            return error("BAD_CLIENT_ID", "missing or unknown client id");
        }
        String redirect = request.queryParam("redirect_uri").orElse("");
        if (!tokens.acceptsRedirect(redirect)) {
            return error("BAD_REDIRECT_URI", "redirect_uri does not match the app's redirect URLs");
        }
        Optional<SandboxResponse> consent = ConsentPage.before(request, redirect, "the HubSpot app", promptAlways);
        if (consent.isPresent()) {
            return consent.get();
        }
        String code = tokens.issueCode(redirect);
        pkce.remember(code, request);
        String location = redirect + "?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + request.queryParam("state").map(s -> "&state=" + URLEncoder.encode(s, StandardCharsets.UTF_8))
                .orElse("");
        return SandboxResponse.empty(302).withHeader("Location", location);
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private static SandboxResponse error(String status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("message", message);
        body.put("correlationId", UUID.randomUUID().toString());
        body.put("requestId", UUID.randomUUID().toString().replace("-", ""));
        return SandboxResponse.json(400, body);
    }
}
