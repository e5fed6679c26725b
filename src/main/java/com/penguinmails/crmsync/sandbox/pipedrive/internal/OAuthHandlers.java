package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import com.penguinmails.crmsync.sandbox.support.ConsentPage;

import com.penguinmails.crmsync.sandbox.support.SandboxClock;
import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth server of the sandbox's one registered app: {@code GET /oauth/authorize} (the consent page with
 * {@code prompt=consent}, see {@link ConsentPage}) redirects to the app's callback with {@code code} and
 * {@code state}; Pipedrive documents no PKCE, so {@code code_challenge} and {@code code_verifier} are ignored; {@code POST /oauth/token} takes HTTP Basic client
 * credentials and a form with {@code grant_type=authorization_code} ({@code code}, {@code redirect_uri}) or
 * {@code grant_type=refresh_token} ({@code refresh_token}), and answers {@code access_token}, {@code token_type},
 * {@code refresh_token}, {@code scope}, {@code expires_in} and {@code api_domain}. Errors use the OAuth 2.0 form
 * {@code {"error": ..., "error_description": ...}}.
 */
public final class OAuthHandlers {

    private final String clientId;
    private final String clientSecret;
    private final String redirectUri;
    private final OAuthGrants grants;
    private final SandboxClock clock;
    private final Duration tokenTtl;
    private final String apiDomain;

    public OAuthHandlers(String clientId, String clientSecret, String redirectUri, OAuthGrants grants,
                         SandboxClock clock, Duration tokenTtl, String apiDomain) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.redirectUri = redirectUri;
        this.grants = grants;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
        this.apiDomain = apiDomain;
    }

    public SandboxResponse authorize(SandboxRequest request) {
        if (!request.queryParam("client_id").filter(clientId::equals).isPresent()) {
            return error(400, "invalid_client", "Unknown client_id");
        }
        String redirect = request.queryParam("redirect_uri").orElse(redirectUri);
        // the registered callback, or a loopback one on any port (RFC 8252 7.3), as a CLI's local callback uses
        if (!redirect.equals(redirectUri) && !redirect.matches("http://(127\\.0\\.0\\.1|localhost)(:\\d+)?/.*")) {
            return error(400, "invalid_request", "redirect_uri does not match the app's callback URL");
        }
        Optional<SandboxResponse> consent = ConsentPage.before(request, redirect, "the Pipedrive app");
        if (consent.isPresent()) {
            return consent.get();
        }
        // Pipedrive documents no PKCE: code_challenge is ignored here as there
        String code = grants.issueCode(redirect, clock.instant());
        String location = redirect + "?code=" + encode(code)
                + request.queryParam("state").map(s -> "&state=" + encode(s)).orElse("");
        return SandboxResponse.empty(302).withHeader("Location", location);
    }

    public SandboxResponse token(SandboxRequest request) {
        Map<String, List<String>> form = SandboxHttpServer.query(request.bodyText());
        if (!clientAuthenticated(request, form)) {
            return error(401, "invalid_client", "Invalid client credentials");
        }
        String grantType = first(form, "grant_type").orElse("");
        switch (grantType) {
            case "authorization_code" -> {
                String code = first(form, "code").orElse("");
                String redirect = first(form, "redirect_uri").orElse(redirectUri);
                return grants.redeemCode(code, redirect, clock.instant())
                        .map(this::tokens)
                        .orElseGet(() -> error(400, "invalid_grant", "Invalid or expired authorization code"));
            }
            case "refresh_token" -> {
                String refresh = first(form, "refresh_token").orElse("");
                if (!grants.knowsRefreshToken(refresh)) {
                    return error(400, "invalid_grant", "Invalid refresh token");
                }
                return tokens(refresh);
            }
            default -> {
                return error(400, "unsupported_grant_type", "grant_type must be authorization_code or "
                        + "refresh_token");
            }
        }
    }

    private SandboxResponse tokens(String refreshToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", grants.issueAccessToken(refreshToken, clock.instant(), tokenTtl));
        body.put("token_type", "Bearer");
        body.put("refresh_token", refreshToken);
        body.put("scope", OAuthGrants.SCOPE);
        body.put("expires_in", tokenTtl.toSeconds());
        body.put("api_domain", apiDomain);
        return SandboxResponse.json(200, body);
    }

    private boolean clientAuthenticated(SandboxRequest request, Map<String, List<String>> form) {
        Optional<String> basic = request.header("authorization").filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6));
        if (basic.isPresent()) {
            try {
                String decoded = new String(Base64.getDecoder().decode(basic.get().substring(6).strip()),
                        StandardCharsets.UTF_8);
                return decoded.equals(clientId + ":" + clientSecret);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return first(form, "client_id").filter(clientId::equals).isPresent()
                && first(form, "client_secret").filter(clientSecret::equals).isPresent();
    }

    private static Optional<String> first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static SandboxResponse error(int status, String error, String description) {
        return SandboxResponse.json(status, Map.of("error", error, "error_description", description));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
