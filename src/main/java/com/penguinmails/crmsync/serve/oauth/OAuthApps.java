package com.penguinmails.crmsync.serve.oauth;

import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.core.AuthMode;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmDescription;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.ServeProperties;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The configured OAuth app of each CRM ({@code crmsync.oauth.apps.<crm>}), the callback URL registered with it, and
 * the connection a hosted authorisation is for (new, or the one it reconnects) as its CRM's provider sees it.
 */
@Component
@ConditionalOnServe
public class OAuthApps {

    /** One CRM's app with every setting the flow needs. */
    public record Configured(String clientId, String clientSecret, String scopes, @Nullable URI baseUrl) {

        @Override
        public String toString() {
            return "Configured[clientId=" + clientId + ", scopes=" + scopes + ", baseUrl=" + baseUrl + "]";
        }
    }

    private final OAuthProperties properties;
    private final ServeProperties serve;
    private final CrmProviders crms;

    public OAuthApps(OAuthProperties properties, ServeProperties serve, CrmProviders crms) {
        this.properties = properties;
        this.serve = serve;
        this.crms = crms;
    }

    /** @throws ApiProblem.NotFound when this build has no such CRM */
    public CrmKind kind(String crm) {
        try {
            return crms.kind(crm);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem.NotFound(e.getMessage());
        }
    }

    /** Whether this build has the CRM {@code crm}. */
    public boolean knows(String crm) {
        return crms.kinds().stream().anyMatch(kind -> kind.id().equals(crm));
    }

    /** @throws ApiProblem.Invalid naming {@code crm} when the CRM does not connect by OAuth */
    public void requireOAuth(CrmKind kind) {
        CrmDescription description = crms.describe(kind);
        if (!description.authModes().contains(AuthMode.OAUTH)) {
            throw new ApiProblem.Invalid("crm", description.authRefusal(AuthMode.OAUTH));
        }
    }

    /** @throws ApiProblem.Conflict naming the first setting of the CRM's app that is missing */
    public Configured configured(CrmKind kind) {
        OAuthProperties.App app = properties.app(kind.id());
        String prefix = "crmsync.oauth.apps." + kind.id() + ".";
        return new Configured(required(app.clientId(), prefix + "client-id"),
                required(app.clientSecret(), prefix + "client-secret"),
                app.scopes() != null ? app.scopes().strip() : OAuthScopes.defaults(kind.id()), app.baseUrl());
    }

    /** {@code <redirect-base-url>/oauth/callback/<crm>}. @throws ApiProblem.Conflict when no base is configured */
    public URI redirectUri(CrmKind kind) {
        URI base = properties.redirectBaseUrl() != null ? properties.redirectBaseUrl() : serve.publicUrl();
        if (base == null) {
            throw new ApiProblem.Conflict("crmsync.oauth.redirect-base-url (or crmsync.serve.public-url) is not set: "
                    + "the CRM has no callback URL to send the browser back to");
        }
        return URI.create(base.toString().replaceAll("/+$", "") + "/oauth/callback/" + kind.id());
    }

    /**
     * Whether a hosted authorisation of {@code kind} can start here: the CRM connects by OAuth, its app has a client
     * id and secret, and the callback URL and the settings page are configured (the console offers only these).
     */
    public boolean canStart(CrmKind kind) {
        OAuthProperties.App app = properties.app(kind.id());
        return crms.describe(kind).authModes().contains(AuthMode.OAUTH) && present(app.clientId())
                && present(app.clientSecret()) && properties.settingsUrl() != null
                && (properties.redirectBaseUrl() != null || serve.publicUrl() != null);
    }

    private static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }

    /** Whether {@code crmsync.oauth.settings-url} is set. */
    public boolean hasSettingsPage() {
        return properties.settingsUrl() != null;
    }

    /** @throws ApiProblem.Conflict when {@code crmsync.oauth.settings-url} is not set */
    public URI settingsUrl() {
        if (properties.settingsUrl() == null) {
            throw new ApiProblem.Conflict("crmsync.oauth.settings-url is not set: the callback has no settings page "
                    + "to send the browser back to");
        }
        return properties.settingsUrl();
    }

    /**
     * The settings of the connection the authorisation is for: {@code existing}'s (a reconnect) or none, the app's
     * base URL when the connection names none, and what OAuth needs.
     */
    public Map<String, String> settings(CrmKind kind, Configured app, @Nullable Connection existing) {
        Map<String, String> settings = new LinkedHashMap<>(existing == null ? Map.of() : existing.settings());
        if (app.baseUrl() != null) {
            settings.putIfAbsent("baseUrl", app.baseUrl().toString().replaceAll("/+$", ""));
        }
        settings.putAll(crms.describe(kind).settingsFor(AuthMode.OAUTH));
        return settings;
    }

    /** The connection as its CRM's provider reads it: {@code existing} with {@code settings}, or a new one. */
    public static ConnectionContext context(String tenant, CrmKind kind, @Nullable Connection existing,
                                            Map<String, String> settings) {
        return new ConnectionContext(existing == null
                ? new Connection(0, tenant, kind, null, Connection.Status.ACTIVE, null, settings, Instant.now())
                : new Connection(existing.id(), existing.tenantId(), kind, existing.accountRef(), existing.status(),
                        existing.statusReason(), settings, existing.createdAt()));
    }

    /** How long a started authorisation may be completed. */
    public java.time.Duration stateTtl() {
        return properties.stateTtl();
    }

    private static String required(@Nullable String value, String setting) {
        if (value == null || value.isBlank()) {
            throw new ApiProblem.Conflict(setting + " is not set: this CRM cannot be connected by OAuth here");
        }
        return value.strip();
    }
}
