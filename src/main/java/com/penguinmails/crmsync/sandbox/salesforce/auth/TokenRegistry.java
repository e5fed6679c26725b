package com.penguinmails.crmsync.sandbox.salesforce.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issued OAuth artefacts: authorization codes (single use, 15 minutes), refresh tokens (valid until rotated, when
 * rotation is on) and
 * access tokens (valid for the configured lifetime on the sandbox clock). One initial refresh token is derived from
 * the seed so {@code info()} can hand it out and it survives a reset.
 */
public final class TokenRegistry {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Duration CODE_TTL = Duration.ofMinutes(15);

    /** What an access token looks like when presented. */
    public enum Status { VALID, EXPIRED, UNKNOWN }

    private record Code(String redirectUri, Instant expires) {
    }

    private final ConnectedApp app;
    private final Clock clock;
    private final Duration accessTtl;
    private final String initialRefreshToken;
    private final Random random = new SecureRandom();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Boolean> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private volatile boolean rotation = true;

    public TokenRegistry(ConnectedApp app, Clock clock, Duration accessTtl, long seed) {
        this.app = app;
        this.clock = clock;
        this.accessTtl = accessTtl;
        this.initialRefreshToken = "5Aep861" + token(new Random(seed), 80);
        reset();
    }

    /** Forgets every token and code except the initial refresh token. */
    public void reset() {
        accessTokens.clear();
        codes.clear();
        refreshTokens.clear();
        refreshTokens.put(initialRefreshToken, Boolean.TRUE);
    }

    public String initialRefreshToken() {
        return initialRefreshToken;
    }

    public Duration accessTtl() {
        return accessTtl;
    }

    /** A new access token valid for the configured lifetime from now. */
    public String issueAccessToken() {
        String token = app.orgId().substring(0, 15) + "!" + token(random, 96);
        accessTokens.put(token, clock.instant().plus(accessTtl));
        return token;
    }

    /** A new refresh token. */
    public String issueRefreshToken() {
        String token = "5Aep861" + token(random, 80);
        refreshTokens.put(token, Boolean.TRUE);
        return token;
    }

    /** A new authorization code for {@code redirectUri}. */
    public String issueCode(String redirectUri) {
        String code = "aPrx" + token(random, 60);
        codes.put(code, new Code(redirectUri, clock.instant().plus(CODE_TTL)));
        return code;
    }

    /** Redeems a code once; empty when unknown, used, expired or issued for another redirect URI. */
    public boolean redeemCode(String code, String redirectUri) {
        Code grant = codes.remove(code);
        return grant != null && grant.redirectUri().equals(redirectUri) && clock.instant().isBefore(grant.expires());
    }

    /**
     * Whether refreshing rotates the refresh token, as a connected app with <em>refresh token rotation</em> does (the
     * sandbox's default, Salesforce's recommendation for partner apps); off, the Salesforce default: the refresh
     * answers no refresh token and the one used stays valid.
     */
    public void rotation(boolean on) {
        this.rotation = on;
    }

    /**
     * Redeems a refresh token: with rotation, the old one stops working and the new one is returned; without, it
     * stays valid and the answer is {@code Optional.of("")} (no new token). Empty when it was not valid.
     */
    public Optional<String> rotate(String refreshToken) {
        if (!rotation) {
            return refreshTokens.containsKey(refreshToken) ? Optional.of("") : Optional.empty();
        }
        if (refreshTokens.remove(refreshToken) == null) {
            return Optional.empty();
        }
        return Optional.of(issueRefreshToken());
    }

    /** Whether {@code accessToken} may be used now. */
    public Status check(String accessToken) {
        Instant expires = accessTokens.get(accessToken);
        if (expires == null) {
            return Status.UNKNOWN;
        }
        return clock.instant().isBefore(expires) ? Status.VALID : Status.EXPIRED;
    }

    private static String token(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
