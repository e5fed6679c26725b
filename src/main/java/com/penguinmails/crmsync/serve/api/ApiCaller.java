package com.penguinmails.crmsync.serve.api;

import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.core.Connection;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who calls the API or the console, read from the bearer JWT: a tenant's user (the {@code tenant} claim scopes every
 * call to that tenant) or an operator (the operator scope: every tenant). Controllers take it as a parameter
 * ({@code ApiCaller caller}); {@link ApiConnections} applies its scope to connections.
 *
 * @param subject  the token's {@code sub}
 * @param tenantId the tenant the token is scoped to; null for an operator without one
 * @param operator whether the token carries the operator scope
 */
public record ApiCaller(String subject, @Nullable String tenantId, boolean operator) {

    /**
     * Reads a verified token.
     *
     * @throws ApiProblem.Forbidden when the token names no tenant and lacks the operator scope
     */
    public static ApiCaller of(Jwt jwt, ApiProperties properties) {
        String subject = jwt.getSubject() == null || jwt.getSubject().isBlank() ? "(no subject)" : jwt.getSubject();
        Object claim = jwt.getClaims().get(properties.tenantClaim());
        String tenant = claim == null || claim.toString().isBlank() ? null : claim.toString().strip();
        boolean operator = scopes(jwt).contains(properties.operatorScope());
        if (tenant == null && !operator) {
            throw new ApiProblem.Forbidden("the token names no tenant (claim '" + properties.tenantClaim()
                    + "') and has not the operator scope");
        }
        return new ApiCaller(subject, tenant, operator);
    }

    private static Set<String> scopes(Jwt jwt) {
        Object scope = jwt.getClaims().get("scope");
        if (scope == null) {
            scope = jwt.getClaims().get("scp");
        }
        if (scope instanceof String text) {
            return Set.of(text.trim().split("\\s+"));
        }
        if (scope instanceof Collection<?> list) {
            return Set.copyOf(list.stream().map(String::valueOf).toList());
        }
        return Set.of();
    }

    /** Whether the caller may see {@code tenant}'s data: its own tenant, or any as an operator. */
    public boolean sees(String tenant) {
        return operator || tenant.equals(tenantId);
    }

    /** Whether the caller may see {@code connection}. */
    public boolean sees(Connection connection) {
        return sees(connection.tenantId());
    }

    /**
     * The tenants a listing covers: the caller's own; for an operator {@code requested} (all when null).
     *
     * @return the tenant ids, or an empty list meaning every tenant (an operator who asked for none)
     * @throws ApiProblem.NotFound when a tenant's user asks for another tenant
     */
    public List<String> tenantsFor(@Nullable String requested) {
        if (operator) {
            return requested == null || requested.isBlank() ? List.of() : List.of(requested.strip());
        }
        if (requested != null && !requested.isBlank() && !requested.strip().equals(tenantId)) {
            throw new ApiProblem.NotFound("no tenant " + requested.strip());
        }
        return List.of(tenantId);
    }

    /** The audit log's actor for changes this caller makes. */
    public Actor actor() {
        return new Actor(operator ? Actor.Kind.OPERATOR : Actor.Kind.USER, subject);
    }
}
