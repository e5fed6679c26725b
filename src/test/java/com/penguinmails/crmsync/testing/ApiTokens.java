package com.penguinmails.crmsync.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Bearer JWTs for {@code crm-sync serve}'s API and console, signed HS256 as PenguinMails' backend signs them
 * ({@code crmsync.api.jwt-secret}): a tenant's user, an operator, and the broken ones (expired, forged).
 */
public final class ApiTokens {

    /** The shared secret {@link ServeApp} configures (32 bytes or more, as HS256 needs). */
    public static final String SECRET = "test-secret-for-the-crm-sync-api-0123456789";
    public static final String OPERATOR_SCOPE = "crm-sync:operator";

    private ApiTokens() {
    }

    /** A token of {@code subject}, a user of {@code tenant}, valid for an hour. */
    public static String user(String tenant, String subject) {
        return sign(SECRET, subject, Map.of("tenant", tenant), Duration.ofHours(1));
    }

    /** A token of an operator (every tenant). */
    public static String operator(String subject) {
        return sign(SECRET, subject, Map.of("scope", "openid " + OPERATOR_SCOPE), Duration.ofHours(1));
    }

    /** A token of {@code tenant} that expired an hour ago. */
    public static String expired(String tenant, String subject) {
        return sign(SECRET, subject, Map.of("tenant", tenant), Duration.ofHours(-1));
    }

    /** A token of {@code tenant} signed with another secret. */
    public static String forged(String tenant, String subject) {
        return sign("another-secret-that-nobody-configured-0123456789", subject, Map.of("tenant", tenant),
                Duration.ofHours(1));
    }

    /** A token with {@code claims}, signed with {@code secret}, expiring {@code validFor} from now. */
    public static String sign(String secret, @Nullable String subject, Map<String, Object> claims,
                              Duration validFor) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .issueTime(Date.from(Instant.now().minusSeconds(120)))
                .expirationTime(Date.from(Instant.now().plus(validFor)));
        if (subject != null) {
            set.subject(subject);
        }
        claims.forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), set.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
