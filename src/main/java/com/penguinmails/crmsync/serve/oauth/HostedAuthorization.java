package com.penguinmails.crmsync.serve.oauth;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.penguinmails.crmsync.connector.support.AuthorizationCodeExchange;
import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.credentials.CredentialCipher;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.store.SyncAuditStore;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts a hosted OAuth authorisation for a tenant's CRM (a new connection, or reconnecting one): the CRM's consent
 * URL with PKCE S256 and a fresh single-use state, the state's hash stored with the sealed code verifier and what it is
 * bound to (tenant, actor, CRM, connection). The API and the console call it; {@link AuthorizationCallback} completes
 * it.
 */
@Service
@ConditionalOnServe
public class HostedAuthorization {

    /** A started authorisation: the URL to send the browser to, and until when it can be completed. */
    public record Started(URI authorizationUrl, Instant expiresAt) {
    }

    private final OAuthApps apps;
    private final Connectors connectors;
    private final ConnectionRegistry registry;
    private final OAuthStateStore states;
    private final CredentialCipher cipher;
    private final SyncAuditStore audit;
    private final Clock clock = Clock.systemUTC();

    public HostedAuthorization(OAuthApps apps, Connectors connectors, ConnectionRegistry registry,
                               OAuthStateStore states, CredentialCipher cipher, SyncAuditStore audit) {
        this.apps = apps;
        this.connectors = connectors;
        this.registry = registry;
        this.states = states;
        this.cipher = cipher;
        this.audit = audit;
    }

    /**
     * Starts an authorisation of {@code crm} for {@code tenant} by {@code actor}; with {@code connectionId}, one that
     * replaces that connection's credentials in place.
     *
     * @throws com.penguinmails.crmsync.serve.api.ApiProblem when the CRM is unknown, takes no OAuth, or its app or the
     *                                                      callback is not configured
     * @throws com.penguinmails.crmsync.core.InvalidRequestException when there is no such tenant, or the connection
     *                                                               was disconnected
     */
    @Transactional
    public Started start(Actor actor, String tenant, String crm, @Nullable Long connectionId) {
        CrmKind kind = apps.kind(crm);
        apps.requireOAuth(kind);
        registry.requireTenant(tenant);
        Connection existing = connectionId == null ? null : registry.replaceable(connectionId, true);
        OAuthApps.Configured app = apps.configured(kind);
        URI redirectUri = apps.redirectUri(kind);
        apps.settingsUrl();
        var context = OAuthApps.context(tenant, kind, existing, apps.settings(kind, app, existing));
        State state = new State();
        CodeVerifier verifier = new CodeVerifier();
        URI url = AuthorizationCodeExchange.authorizationUrl(connectors.provider(kind).authorizationUri(context),
                app.clientId(), redirectUri, app.scopes(), state, verifier);
        Instant expiresAt = clock.instant().plus(apps.stateTtl());
        var sealed = cipher.seal(verifier.getValue(), connectionId == null ? 0 : connectionId,
                OAuthStates.VERIFIER_SCOPE);
        states.save(OAuthStates.hash(state.getValue()), new OAuthStateStore.Pending(tenant, kind.id(), actor,
                connectionId, sealed.ciphertext(), redirectUri.toString(), expiresAt), sealed.keyId());
        audit.recordChange(actor, tenant, connectionId, "oauth.authorization-started",
                Map.of("crm", kind.id(), "reconnect", connectionId != null));
        return new Started(url, expiresAt);
    }
}
