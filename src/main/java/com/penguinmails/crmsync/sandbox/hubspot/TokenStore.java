package com.penguinmails.crmsync.sandbox.hubspot;

import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Credentials of the sandbox account: one private-app token issued at start, one OAuth app (client id, secret,
 * redirect URI) with a long-lived refresh token, the access tokens issued from it (expiring after the configured
 * TTL on the sandbox clock) and single-use authorization codes. Answers HubSpot's 401 bodies for missing, unknown
 * and expired tokens.
 */
final class TokenStore {

    /** The id of the sandbox's public (OAuth) app: the app whose webhooks it delivers. */
    static final long APP_ID = 1_000_001;
    /** The id of the private app whose token the sandbox issues at start. */
    static final long PRIVATE_APP_ID = 1_000_002;
    static final List<String> SCOPES = List.of("oauth", "crm.objects.contacts.read", "crm.objects.contacts.write",
            "crm.objects.companies.read", "crm.objects.companies.write", "crm.objects.deals.read",
            "crm.objects.deals.write", "crm.schemas.contacts.write", "communication_preferences.read_write");
    private static final String MISSING = "Authentication credentials not found. This API supports OAuth 2.0 "
            + "authentication and you can find more details at "
            + "https://developers.hubspot.com/docs/methods/auth/oauth-overview";

    /** An issued OAuth access token. */
    record AccessToken(String token, Instant expiresAt, String refreshToken) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final Random random;
    private final long hubId;
    private final String privateAppToken;
    private final String clientId;
    private final String clientSecret;
    private final String redirectUri;
    private final String refreshToken;
    private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, IssuedCode> authorizationCodes = new ConcurrentHashMap<>();

    /** How long an authorization code may be redeemed (HubSpot's are short-lived; the sandbox gives 5 minutes). */
    static final Duration CODE_TTL = Duration.ofMinutes(5);

    private record IssuedCode(String redirect, Instant expiresAt) {
    }

    TokenStore(Clock clock, Duration ttl, long seed, long hubId) {
        this.clock = clock;
        this.ttl = ttl;
        this.random = new Random(seed ^ 0x5EED_70CE);
        this.hubId = hubId;
        this.privateAppToken = "pat-na1-" + uuid();
        this.clientId = uuid();
        this.clientSecret = uuid();
        this.redirectUri = "http://127.0.0.1/oauth-callback";
        this.refreshToken = "na1-" + uuid().substring(0, 4) + "-" + uuid();
        refreshTokens.put(refreshToken, clientId);
    }

    private synchronized String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** The caller behind the request's {@code Authorization: Bearer} token, or HubSpot's 401. */
    Caller authenticate(SandboxRequest request) {
        String header = request.header("authorization").orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("INVALID_AUTHENTICATION", MISSING);
        }
        String token = header.substring(7).trim();
        if (token.equals(privateAppToken)) {
            return new Caller("private-app", false);
        }
        AccessToken access = accessTokens.get(token);
        if (access == null) {
            throw unauthorized("INVALID_AUTHENTICATION", MISSING);
        }
        Instant now = clock.instant();
        if (!now.isBefore(access.expiresAt())) {
            long ago = Math.max(1, Duration.between(access.expiresAt(), now).toSeconds());
            throw unauthorized("EXPIRED_AUTHENTICATION",
                    "The OAuth token used to make this call expired " + ago + " second(s) ago.");
        }
        return new Caller("oauth-app:" + clientId, true);
    }

    private static ApiError unauthorized(String category, String message) {
        return new ApiError(401, category, message, null, Map.of(), List.of());
    }

    boolean knowsClient(String id) {
        return clientId.equals(id);
    }

    boolean secretMatches(String secret) {
        return clientSecret.equals(secret);
    }

    String redirectUri() {
        return redirectUri;
    }

    /** Issues a single-use authorization code (what the consent screen would redirect with). */
    String issueCode() {
        return issueCode(redirectUri);
    }

    /** Issues a single-use authorization code bound to the redirect URI it was asked for. */
    String issueCode(String redirect) {
        String code = uuid();
        authorizationCodes.put(code, new IssuedCode(redirect, clock.instant().plus(CODE_TTL)));
        return code;
    }

    /**
     * Whether the app accepts {@code redirect}: its registered URL, or a loopback URL on any port (RFC 8252 7.3: what
     * a CLI's local callback uses; the app is registered for {@code http://127.0.0.1/} in the sandbox).
     */
    boolean acceptsRedirect(String redirect) {
        return redirectUri.equals(redirect) || redirect.matches("http://(127\\.0\\.0\\.1|localhost)(:\\d+)?/.*");
    }

    /** The redirect URI a code was issued for, consuming the code; empty when unknown, used or expired. */
    Optional<String> redeemCode(String code) {
        return Optional.ofNullable(authorizationCodes.remove(code)).filter(issued -> clock.instant()
                .isBefore(issued.expiresAt())).map(IssuedCode::redirect);
    }

    /** Issues a new refresh token for the OAuth app (an authorization-code grant). */
    String issueRefreshToken() {
        String token = "na1-" + uuid().substring(0, 4) + "-" + uuid();
        refreshTokens.put(token, clientId);
        return token;
    }

    boolean knowsRefreshToken(String token) {
        return refreshTokens.containsKey(token);
    }

    /** A new access token for a known refresh token; HubSpot refresh tokens do not rotate. */
    AccessToken issueAccessToken(String refresh) {
        byte[] bytes = new byte[96];
        synchronized (this) {
            random.nextBytes(bytes);
        }
        String token = "C" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        AccessToken access = new AccessToken(token, clock.instant().plus(ttl), refresh);
        accessTokens.put(token, access);
        return access;
    }

    @Nullable AccessToken accessToken(String token) {
        return accessTokens.get(token);
    }

    long secondsLeft(AccessToken access) {
        return Math.max(0, Duration.between(clock.instant(), access.expiresAt()).toSeconds());
    }

    long ttlSeconds() {
        return ttl.toSeconds();
    }

    long hubId() {
        return hubId;
    }

    String privateAppToken() {
        return privateAppToken;
    }

    String clientId() {
        return clientId;
    }

    String clientSecret() {
        return clientSecret;
    }

    String refreshToken() {
        return refreshToken;
    }
}
