package com.penguinmails.crmsync.serve.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.penguinmails.crmsync.core.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.jspecify.annotations.Nullable;

/**
 * Bearer JWTs signed HS256 with the API's shared secret, as PenguinMails' backend mints them: for an operator's
 * {@code api-token} command (a token to open the console or call the API by hand) and for the demo. The service
 * checks them exactly as it checks the backend's ({@link ApiSecurityConfiguration}).
 */
public final class SharedSecretTokens {

    /** The shortest secret HS256 accepts. */
    public static final int MIN_SECRET_BYTES = 32;

    private SharedSecretTokens() {
    }

    /**
     * A token of {@code subject}, scoped to {@code tenant} (or to every tenant with the operator scope), valid for
     * {@code validFor}.
     *
     * @throws InvalidRequestException when the secret is shorter than HS256 allows, or neither a tenant nor the
     *                                 operator scope is given
     */
    public static String mint(String secret, String subject, @Nullable String tenant, boolean operator,
                              Duration validFor, ApiProperties properties) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_SECRET_BYTES) {
            throw new InvalidRequestException("the API secret must be at least " + MIN_SECRET_BYTES
                    + " bytes for HS256, it has " + key.length);
        }
        if ((tenant == null || tenant.isBlank()) && !operator) {
            throw new InvalidRequestException("a token needs a tenant (--tenant) or the operator scope (--operator)");
        }
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(validFor)));
        if (properties.issuer() != null && !properties.issuer().isBlank()) {
            claims.issuer(properties.issuer());
        }
        if (tenant != null && !tenant.isBlank()) {
            claims.claim(properties.tenantClaim(), tenant.strip());
        }
        if (operator) {
            claims.claim("scope", properties.operatorScope());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
