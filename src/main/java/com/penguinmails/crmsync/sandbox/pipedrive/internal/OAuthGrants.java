package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OAuth state of the sandbox's one registered app: single-use authorization codes (valid 5 minutes), refresh
 * tokens (one per grant, reused on refresh) and access tokens that expire after the configured TTL on the sandbox
 * clock.
 */
public final class OAuthGrants {

    static final Duration CODE_TTL = Duration.ofMinutes(5);
    public static final String SCOPE = "base,deals:full,contacts:full,activities:full,search:read,admin";

    private record Code(String redirectUri, Instant expiresAt) {
    }

    private record Access(String grant, Instant expiresAt) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Access> accessTokens = new ConcurrentHashMap<>();

    /** A new authorization code for {@code redirectUri}. */
    public String issueCode(String redirectUri, Instant now) {
        String code = AccountData.COMPANY_ID + ":" + AccountData.USER_IDS.get(0) + ":" + hex(20);
        codes.put(code, new Code(redirectUri, now.plus(CODE_TTL)));
        return code;
    }

    /** Consumes a code; empty when unknown, used, expired or issued for another redirect URI. */
    public Optional<String> redeemCode(String code, String redirectUri, Instant now) {
        Code issued = codes.remove(code);
        if (issued == null || !now.isBefore(issued.expiresAt()) || !issued.redirectUri().equals(redirectUri)) {
            return Optional.empty();
        }
        String refresh = AccountData.COMPANY_ID + ":" + AccountData.USER_IDS.get(0) + ":" + hex(20);
        refreshTokens.put(refresh, "grant-" + hex(8));
        return Optional.of(refresh);
    }

    public boolean knowsRefreshToken(String refreshToken) {
        return refreshTokens.containsKey(refreshToken);
    }

    /** A new access token for the grant behind {@code refreshToken}. */
    public String issueAccessToken(String refreshToken, Instant now, Duration ttl) {
        String grant = refreshTokens.get(refreshToken);
        if (grant == null) {
            throw new IllegalArgumentException("unknown refresh token");
        }
        String token = AccountData.COMPANY_ID + ":" + AccountData.USER_IDS.get(0) + ":" + hex(20);
        accessTokens.put(token, new Access(grant, now.plus(ttl)));
        return token;
    }

    /** The grant of a valid, unexpired access token. */
    public Optional<String> grantOf(String accessToken, Instant now) {
        Access access = accessTokens.get(accessToken);
        if (access == null) {
            return Optional.empty();
        }
        if (!now.isBefore(access.expiresAt())) {
            accessTokens.remove(accessToken, access);
            return Optional.empty();
        }
        return Optional.of(access.grant());
    }

    private String hex(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }
}
