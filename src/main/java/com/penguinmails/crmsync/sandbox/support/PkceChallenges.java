package com.penguinmails.crmsync.sandbox.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The PKCE challenges (RFC 7636) a sandbox's authorization codes were issued with, for a vendor that supports PKCE
 * (Salesforce, HubSpot): the authorize endpoint remembers {@code code_challenge} and {@code code_challenge_method}
 * ({@code S256}, or {@code plain} when none is named) per code, and the token endpoint redeems the code only with the
 * matching {@code code_verifier}. A code issued without a challenge needs no verifier, as at the vendors.
 */
public final class PkceChallenges {

    private record Challenge(String value, String method) {
    }

    private final Map<String, Challenge> challenges = new ConcurrentHashMap<>();

    /** Remembers the challenge the authorization request carried (if any) for {@code code}. */
    public void remember(String code, SandboxRequest authorization) {
        authorization.queryParam("code_challenge").filter(c -> !c.isBlank()).ifPresent(challenge ->
                challenges.put(code, new Challenge(challenge,
                        authorization.queryParam("code_challenge_method").orElse("plain"))));
    }

    /**
     * Whether {@code verifier} proves the authorization {@code code} came from (forgets the challenge: a code is
     * redeemed once).
     */
    public boolean verifies(String code, @Nullable String verifier) {
        Challenge challenge = challenges.remove(code);
        if (challenge == null) {
            return true;
        }
        if (verifier == null || verifier.isBlank()) {
            return false;
        }
        String derived = "S256".equals(challenge.method()) ? s256(verifier) : verifier;
        return MessageDigest.isEqual(derived.getBytes(StandardCharsets.US_ASCII),
                challenge.value().getBytes(StandardCharsets.US_ASCII));
    }

    private static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
