package com.penguinmails.crmsync.serve.oauth;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crmsync.oauth.*}: the hosted OAuth connect of {@code crm-sync serve}.
 *
 * @param settingsUrl     the PenguinMails settings page the callback sends the browser back to, with the outcome in
 *                        its query ({@code crm}, {@code outcome}, {@code connection}, {@code message})
 * @param redirectBaseUrl the base of the callback URL {@code <base>/oauth/callback/{crm}}; default
 *                        {@code crmsync.serve.public-url}
 * @param stateTtl        how long a started authorisation may be completed
 * @param apps            the OAuth app per CRM id ({@code salesforce}, {@code hubspot}, {@code pipedrive})
 */
@ConfigurationProperties("crmsync.oauth")
public record OAuthProperties(@Nullable URI settingsUrl, @Nullable URI redirectBaseUrl,
                              @DefaultValue("10m") Duration stateTtl, @Nullable Map<String, App> apps) {

    /**
     * One CRM's OAuth app.
     *
     * @param clientId     the app's client id
     * @param clientSecret the app's client secret (e.g. {@code CRMSYNC_OAUTH_APPS_SALESFORCE_CLIENT_SECRET})
     * @param scopes       the scopes to ask for (space-separated); default {@link OAuthScopes#defaults}
     * @param baseUrl      the CRM's (or a sandbox's) base URL its authorization and token endpoints derive from
     */
    public record App(@Nullable String clientId, @Nullable String clientSecret, @Nullable String scopes,
                      @Nullable URI baseUrl) {

        @Override
        public String toString() {
            return "App[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "null" : "(hidden)")
                    + ", scopes=" + scopes + ", baseUrl=" + baseUrl + "]";
        }
    }

    /** The app configured for {@code crm}, or an empty one. */
    public App app(String crm) {
        App app = apps == null ? null : apps.get(crm);
        return app == null ? new App(null, null, null, null) : app;
    }
}
