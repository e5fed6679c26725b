package com.penguinmails.crmsync.serve.api;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crmsync.api.*}: how {@code crm-sync serve} authenticates the callers of {@code /api/v1} and {@code /console}.
 * Every call carries a bearer JWT: signed HS256 with {@code jwtSecret} (PenguinMails' backend mints them), or, in
 * production, by an issuer whose keys {@code jwksUrl} publishes. With neither, the API and console refuse every call
 * (the service still takes webhooks).
 *
 * @param jwtSecret     the HS256 shared secret ({@code CRMSYNC_API_JWT_SECRET}), at least 32 bytes
 * @param jwksUrl       an issuer's JSON Web Key Set URL (RS256/ES256 tokens); wins over {@code jwtSecret}
 * @param issuer        the {@code iss} every token must carry, when set
 * @param tenantClaim   the claim naming the caller's tenant
 * @param operatorScope the scope ({@code scope} or {@code scp} claim) that lets a caller see every tenant
 */
@ConfigurationProperties("crmsync.api")
public record ApiProperties(@Nullable String jwtSecret,
                            @Nullable URI jwksUrl,
                            @Nullable String issuer,
                            @DefaultValue("tenant") String tenantClaim,
                            @DefaultValue("crm-sync:operator") String operatorScope) {

    /** Whether any way to check tokens is configured. */
    public boolean configured() {
        return jwksUrl != null || (jwtSecret != null && !jwtSecret.isBlank());
    }

    @Override
    public String toString() {
        return "ApiProperties[jwtSecret=" + (jwtSecret == null || jwtSecret.isBlank() ? "(none)" : "(hidden)")
                + ", jwksUrl=" + jwksUrl + ", issuer=" + issuer + ", tenantClaim=" + tenantClaim
                + ", operatorScope=" + operatorScope + "]";
    }
}
