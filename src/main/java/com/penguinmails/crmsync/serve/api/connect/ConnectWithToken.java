package com.penguinmails.crmsync.serve.api.connect;

import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.CrmAccounts;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.core.AuthMode;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmDescription;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.core.SettingRule;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.credentials.Credential;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import com.penguinmails.crmsync.serve.webhooksubscriptions.WebhookSubscriptionReconciler;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Connects a tenant's CRM with an API token (Pipedrive API token, HubSpot private-app token), or gives a connection a
 * new token in place: the CRM is asked which account the token opens before anything is stored, and a refused token
 * stores nothing. The API and the console call it.
 */
@Service
@ConditionalOnServe
public class ConnectWithToken {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectWithToken.class);

    private final CrmProviders crms;
    private final CrmAccounts accounts;
    private final ConnectionRegistry registry;
    private final WebhookSubscriptionReconciler webhooks;

    public ConnectWithToken(CrmProviders crms, CrmAccounts accounts, ConnectionRegistry registry,
                            WebhookSubscriptionReconciler webhooks) {
        this.crms = crms;
        this.accounts = accounts;
        this.registry = registry;
        this.webhooks = webhooks;
    }

    /**
     * Connects (or reattaches) {@code tenant}'s {@code crm} account the token opens.
     *
     * @throws ApiProblem.Invalid naming {@code apiToken} or {@code baseUrl} when the CRM takes no token, the URL is
     *                            not http(s), or the CRM refused the token
     */
    public Connection connect(Actor actor, String tenant, String crm, String apiToken, @Nullable String baseUrl) {
        CrmKind kind = kind(crm);
        requireToken(kind);
        Map<String, String> settings = new LinkedHashMap<>();
        if (baseUrl != null && !baseUrl.isBlank()) {
            try {
                settings.put("baseUrl", SettingRule.httpUrl(baseUrl.strip()));
            } catch (IllegalArgumentException e) {
                throw new ApiProblem.Invalid("baseUrl", "not an http(s) URL");
            }
        }
        settings.putAll(crms.describe(kind).settingsFor(AuthMode.API_TOKEN));
        registry.requireTenant(tenant);
        var context = new ConnectionContext(new Connection(0, tenant, kind, null, Connection.Status.ACTIVE, null,
                settings, Instant.now()));
        CrmAccounts.Identified identified = identify(context, apiToken);
        var attached = registry.attach(actor, tenant, kind, identified.id(), settings, identified.credential());
        reconcile(attached.id());
        return registry.existing(attached.id());
    }

    /**
     * Replaces {@code connection}'s credentials with the token, which must open the connection's account.
     *
     * @throws ApiProblem.Invalid naming {@code apiToken} when the CRM takes no token or refused it
     */
    public Connection replace(Actor actor, Connection connection, String apiToken) {
        requireToken(connection.crm());
        Map<String, String> settings = new LinkedHashMap<>(connection.settings());
        settings.putAll(crms.describe(connection.crm()).settingsFor(AuthMode.API_TOKEN));
        var context = new ConnectionContext(new Connection(connection.id(), connection.tenantId(), connection.crm(),
                connection.accountRef(), connection.status(), connection.statusReason(), settings,
                connection.createdAt()));
        CrmAccounts.Identified identified = identify(context, apiToken);
        Connection replaced = registry.replaceCredentials(actor, connection.id(), identified.credential(), settings,
                identified.id(), identified::is, false);
        reconcile(replaced.id());
        return replaced;
    }

    /** @throws ApiProblem.NotFound when this build has no such CRM */
    private CrmKind kind(String crm) {
        try {
            return crms.kind(crm);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem.NotFound(e.getMessage());
        }
    }

    private void requireToken(CrmKind kind) {
        CrmDescription description = crms.describe(kind);
        if (!description.authModes().contains(AuthMode.API_TOKEN)) {
            throw new ApiProblem.Invalid("apiToken", description.authRefusal(AuthMode.API_TOKEN));
        }
    }

    private CrmAccounts.Identified identify(ConnectionContext context, String apiToken) {
        if (apiToken.isBlank()) {
            throw new ApiProblem.Invalid("apiToken", "required");
        }
        try {
            return accounts.identify(context, new Credential.ApiToken(apiToken.strip()));
        } catch (CrmUnavailableException e) {
            if (e.reason() == CrmUnavailableException.Reason.AUTH_REVOKED) {
                throw new ApiProblem.Invalid("apiToken", "the CRM refused the token; nothing was stored");
            }
            throw new ApiProblem.Conflict("the CRM cannot be reached now; nothing was stored (" + e.getMessage() + ")");
        }
    }

    private void reconcile(long connectionId) {
        try {
            webhooks.reconcile(connectionId);
        } catch (RuntimeException e) {
            LOG.warn("connection {}: its CRM webhooks could not be updated now ({}); the service tries again",
                    connectionId, e.getClass().getSimpleName());
        }
    }
}
