package com.penguinmails.crmsync.sandbox.salesforce.auth;

import com.penguinmails.crmsync.sandbox.support.ConsentPage;
import com.penguinmails.crmsync.sandbox.support.PkceChallenges;
import java.util.Optional;

import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code GET /services/oauth2/authorize} (as the integration user: the consent page with {@code prompt=consent}, see
 * {@link ConsentPage}; redirects with a code bound to the redirect URI and the PKCE challenge, see
 * {@link PkceChallenges}) and
 * {@code POST /services/oauth2/token} with the {@code authorization_code} and {@code refresh_token} grants, answering
 * and failing the way Salesforce's token endpoint does (HTTP 400 {@code {"error", "error_description"}}).
 */
public final class OAuthEndpoint {

    private final ConnectedApp app;
    private final TokenRegistry tokens;
    private final Clock clock;
    private final String baseUrl;
    private final PkceChallenges pkce = new PkceChallenges();

    public OAuthEndpoint(ConnectedApp app, TokenRegistry tokens, Clock clock, String baseUrl) {
        this.app = app;
        this.tokens = tokens;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    public SandboxResponse authorize(SandboxRequest request) {
        String redirectUri = request.queryParam("redirect_uri").orElse("");
        if (!app.clientId().equals(request.queryParam("client_id").orElse(""))) {
            return SandboxResponse.text(400, "text/plain;charset=UTF-8", "error=invalid_client_id&error_description="
                    + "client%20identifier%20invalid");
        }
        if (redirectUri.isEmpty()) {
            return SandboxResponse.text(400, "text/plain;charset=UTF-8",
                    "error=redirect_uri_missing&error_description=redirect_uri%20must%20match%20configuration");
        }
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        if (!"code".equals(request.queryParam("response_type").orElse(""))) {
            location.append("error=unsupported_response_type&error_description=response%20type%20not%20supported");
        } else {
            Optional<SandboxResponse> consent = ConsentPage.before(request, redirectUri, "the connected app");
            if (consent.isPresent()) {
                return consent.get();
            }
            String code = tokens.issueCode(redirectUri);
            pkce.remember(code, request);
            location.append("code=").append(encode(code));
        }
        request.queryParam("state").ifPresent(state -> location.append("&state=").append(encode(state)));
        return SandboxResponse.empty(302).withHeader("Location", location.toString());
    }

    public SandboxResponse token(SandboxRequest request) {
        Map<String, List<String>> form = new LinkedHashMap<>(request.query());
        form.putAll(SandboxHttpServer.query(request.bodyText()));
        String grantType = first(form, "grant_type");
        if (!grantType.equals("authorization_code") && !grantType.equals("refresh_token")) {
            return error("unsupported_grant_type", "grant type not supported");
        }
        if (!app.clientId().equals(first(form, "client_id"))) {
            return error("invalid_client_id", "client identifier invalid");
        }
        if (!app.clientSecret().equals(first(form, "client_secret"))) {
            return error("invalid_client", "invalid client credentials");
        }
        if (grantType.equals("authorization_code")) {
            boolean redeemed = tokens.redeemCode(first(form, "code"), first(form, "redirect_uri"));
            if (!pkce.verifies(first(form, "code"), first(form, "code_verifier"))) {
                return error("invalid_grant", "invalid code verifier");
            }
            if (!redeemed) {
                return error("invalid_grant", "invalid authorization code");
            }
            return issued(tokens.issueRefreshToken());
        }
        Optional<String> rotated = tokens.rotate(first(form, "refresh_token"));
        return rotated.map(this::issued).orElseGet(() -> error("invalid_grant", "expired access/refresh token"));
    }

    private SandboxResponse issued(String refreshToken) {
        String accessToken = tokens.issueAccessToken();
        String issuedAt = Long.toString(clock.millis());
        String id = baseUrl + "/id/" + app.orgId() + "/" + app.userId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken);
        if (!refreshToken.isEmpty()) { // a refresh without rotation answers no refresh token
            body.put("refresh_token", refreshToken);
        }
        body.put("signature", signature(id + issuedAt));
        body.put("scope", "refresh_token api");
        body.put("instance_url", baseUrl);
        body.put("id", id);
        body.put("token_type", "Bearer");
        body.put("issued_at", issuedAt);
        return SandboxResponse.json(200, body).withHeader("Cache-Control", "no-cache,must-revalidate,max-age=0,"
                + "no-store,private");
    }

    private String signature(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(app.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SandboxResponse error(String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return SandboxResponse.json(400, body);
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
