package com.penguinmails.crmsync.serve.oauth;

import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.penguinmails.crmsync.connector.support.AuthorizationCodeExchange;
import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.connector.support.CrmAccounts;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.penguinmails.crmsync.connector.support.TokenGrant;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.credentials.CredentialCipher;
import com.penguinmails.crmsync.credentials.CredentialsException;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import com.penguinmails.crmsync.serve.webhooksubscriptions.WebhookSubscriptionReconciler;
import com.penguinmails.crmsync.store.SyncAuditStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Completes a hosted OAuth authorisation when the CRM sends the browser back: consumes the state (once), checks its
 * expiry and CRM, exchanges the code with the PKCE verifier, asks the CRM which account the tokens open, and stores
 * them sealed (a new or reattached connection, or the reconnected one's credentials in place), then brings the
 * connection's CRM webhooks in line. Every failure stores nothing. The outcome is audited, counted in
 * {@code crmsync.oauth.authorizations} (tags {@code crm}, {@code outcome}) and sent to the settings page.
 */
@Service
@ConditionalOnServe
public class AuthorizationCallback {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationCallback.class);

    /** What the callback did: the outcome, the connection (when stored) and a one-line message. */
    public record Completed(OAuthOutcome outcome, @Nullable Long connectionId, String message) {
    }

    private final OAuthApps apps;
    private final OAuthStateStore states;
    private final CredentialCipher cipher;
    private final Connectors connectors;
    private final CrmAccounts accounts;
    private final ConnectionRegistry registry;
    private final WebhookSubscriptionReconciler webhooks;
    private final SyncAuditStore audit;
    private final MeterRegistry meters;

    public AuthorizationCallback(OAuthApps apps, OAuthStateStore states, CredentialCipher cipher, Connectors connectors,
                                 CrmAccounts accounts, ConnectionRegistry registry,
                                 WebhookSubscriptionReconciler webhooks, SyncAuditStore audit, MeterRegistry meters) {
        this.apps = apps;
        this.states = states;
        this.cipher = cipher;
        this.connectors = connectors;
        this.accounts = accounts;
        this.registry = registry;
        this.webhooks = webhooks;
        this.audit = audit;
        this.meters = meters;
    }

    /** Completes the authorisation the CRM answered for ({@code code}, or {@code error}) and counts its outcome. */
    public Completed complete(String crm, @Nullable String code, @Nullable String error, @Nullable String state) {
        Completed completed = attempt(crm, code, error, state);
        String tag = apps.knows(crm) ? crm : "unknown";
        meters.counter("crmsync.oauth.authorizations", "crm", tag, "outcome", completed.outcome().value())
                .increment();
        return completed;
    }

    /** Whether {@code crmsync.oauth.settings-url} is set (no authorisation starts without it). */
    public boolean hasSettingsPage() {
        return apps.hasSettingsPage();
    }

    /** The settings page with the outcome in its query. */
    public URI settingsRedirect(String crm, Completed completed) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(apps.settingsUrl())
                .queryParam("crm", crm.replaceAll("[^a-z0-9-]", ""))
                .queryParam("outcome", completed.outcome().value());
        if (completed.connectionId() != null) {
            uri.queryParam("connection", completed.connectionId());
        }
        return uri.queryParam("message", completed.message()).build().encode().toUri();
    }

    private Completed attempt(String crm, @Nullable String code, @Nullable String error, @Nullable String state) {
        if (state == null || state.isBlank()) {
            return failed(null, "the CRM sent the browser back without a state; start again from the settings");
        }
        var found = states.consume(OAuthStates.hash(state));
        if (found.isEmpty()) {
            return failed(null, "this authorisation is unknown or was completed already; start again");
        }
        OAuthStateStore.Pending pending = found.get();
        if (!pending.crm().equals(crm)) {
            return failed(pending, "the authorisation was started for " + pending.crm() + ", not " + crm);
        }
        if (!pending.expiresAt().isAfter(Clock.systemUTC().instant())) {
            return ended(pending, OAuthOutcome.EXPIRED, null, "the authorisation expired; start again");
        }
        if (error != null && !error.isBlank()) {
            return error.equals("access_denied")
                    ? ended(pending, OAuthOutcome.DENIED, null, "access was not granted at the CRM")
                    : failed(pending, "the CRM answered " + oneLine(error));
        }
        if (code == null || code.isBlank()) {
            return failed(pending, "the CRM sent the browser back without a code");
        }
        try {
            return stored(pending, code);
        } catch (CrmUnavailableException | InvalidRequestException | ApiProblem | CredentialsException e) {
            return failed(pending, e.getMessage() + "; nothing was stored");
        }
    }

    private Completed stored(OAuthStateStore.Pending pending, String code) {
        CrmKind kind = apps.kind(pending.crm());
        OAuthApps.Configured app = apps.configured(kind);
        Connection existing = pending.connectionId() == null ? null
                : registry.replaceable(pending.connectionId(), true);
        Map<String, String> settings = apps.settings(kind, app, existing);
        ConnectionContext context = OAuthApps.context(pending.tenantId(), kind, existing, settings);
        CodeVerifier verifier = new CodeVerifier(cipher.open(pending.verifierSealed(),
                pending.connectionId() == null ? 0 : pending.connectionId(), OAuthStates.VERIFIER_SCOPE));
        TokenGrant grant = AuthorizationCodeExchange.exchange(connectors.provider(kind).oauthEndpoint(context),
                app.clientId(), app.clientSecret(), code, URI.create(pending.redirectUri()), verifier,
                Clock.systemUTC());
        CrmAccounts.Identified identified = accounts.identify(context, grant);
        long id;
        OAuthOutcome outcome;
        if (existing == null) {
            var attached = registry.attach(pending.actor(), pending.tenantId(), kind, identified.id(), settings,
                    identified.credential());
            id = attached.id();
            outcome = OAuthOutcome.CONNECTED;
        } else {
            id = registry.replaceCredentials(pending.actor(), existing.id(), identified.credential(), settings,
                    identified.id(), identified::is, false).id();
            outcome = OAuthOutcome.RECONNECTED;
        }
        reconcileWebhooks(id);
        return new Completed(outcome, id, kind.id() + " account " + identified.id() + " "
                + outcome.value());
    }

    private void reconcileWebhooks(long connectionId) {
        try {
            if (webhooks.reconcile(connectionId) == WebhookSubscriptionReconciler.Result.FAILED) {
                LOG.warn("connection {}: its CRM webhooks could not be updated now; the service tries again",
                        connectionId);
            }
        } catch (RuntimeException e) {
            LOG.warn("connection {}: its CRM webhooks could not be updated now ({}); the service tries again",
                    connectionId, e.getClass().getSimpleName());
        }
    }

    private Completed failed(OAuthStateStore.@Nullable Pending pending, String message) {
        return ended(pending, OAuthOutcome.FAILED, null, message);
    }

    private Completed ended(OAuthStateStore.@Nullable Pending pending, OAuthOutcome outcome,
                            @Nullable Long connectionId, String message) {
        if (pending != null) {
            audit.recordChange(pending.actor(), pending.tenantId(), pending.connectionId(),
                    "oauth.authorization-failed", Map.of("crm", pending.crm(), "outcome", outcome.value()));
        }
        return new Completed(outcome, connectionId, oneLine(message));
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
