package com.penguinmails.crmsync.serve.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.serve.ServeProperties;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code crmsync.oauth.*} as the hosted flow reads it: defaults, a missing setting named in the refusal, and which CRMs
 * the console may offer a Connect button for.
 */
class OAuthAppsTest {

    private static final CrmProviders CRMS = new CrmProviders(List.of(new SalesforceConnectorProvider(),
            new HubSpotConnectorProvider(), new PipedriveConnectorProvider()));

    @Test
    void aCrmWithoutItsClientSecretIsAConflictNamingTheSetting() {
        // given
        OAuthApps apps = apps(Map.of("crmsync.oauth.apps.hubspot.client-id", "id-1"));

        // then
        assertThatThrownBy(() -> apps.configured(CRMS.kind("hubspot")))
                .isInstanceOf(ApiProblem.Conflict.class)
                .hasMessageContaining("crmsync.oauth.apps.hubspot.client-secret");
        assertThatThrownBy(() -> apps.configured(CRMS.kind("salesforce")))
                .isInstanceOf(ApiProblem.Conflict.class)
                .hasMessageContaining("crmsync.oauth.apps.salesforce.client-id");
        assertThatThrownBy(apps::settingsUrl).isInstanceOf(ApiProblem.Conflict.class)
                .hasMessageContaining("crmsync.oauth.settings-url");
    }

    @Test
    void theCallbackDefaultsToThePublicUrlAndTheScopesToTheMinimalOnes() {
        // given
        OAuthApps apps = apps(Map.of("crmsync.serve.public-url", "https://sync.example/",
                "crmsync.oauth.apps.salesforce.client-id", "id-1",
                "crmsync.oauth.apps.salesforce.client-secret", "secret-1"));

        // when
        OAuthApps.Configured salesforce = apps.configured(CRMS.kind("salesforce"));

        // then
        assertThat(apps.redirectUri(CRMS.kind("salesforce")))
                .isEqualTo(URI.create("https://sync.example/oauth/callback/salesforce"));
        assertThat(salesforce.scopes()).isEqualTo("api refresh_token");
        assertThat(salesforce.toString()).doesNotContain("secret-1");
        assertThat(new OAuthProperties.App("id-1", "secret-1", null, null).toString()).doesNotContain("secret-1");
        assertThat(apps.stateTtl()).hasMinutes(10);
    }

    @Test
    void withNoPublicUrlNorRedirectBaseTheCallbackIsAConflict() {
        assertThatThrownBy(() -> apps(Map.of()).redirectUri(CRMS.kind("pipedrive")))
                .isInstanceOf(ApiProblem.Conflict.class)
                .hasMessageContaining("crmsync.oauth.redirect-base-url");
    }

    @Test
    void onlyACrmWithItsAppCallbackAndSettingsPageConfiguredCanStartAnAuthorisation() {
        // given: HubSpot's app whole, Salesforce's without its secret, and the callback and settings page set
        Map<String, String> complete = Map.of("crmsync.serve.public-url", "https://sync.example",
                "crmsync.oauth.settings-url", "https://sync.example/console",
                "crmsync.oauth.apps.hubspot.client-id", "id-1", "crmsync.oauth.apps.hubspot.client-secret", "s-1",
                "crmsync.oauth.apps.salesforce.client-id", "id-2");
        Map<String, String> noSettingsPage = new java.util.HashMap<>(complete);
        noSettingsPage.remove("crmsync.oauth.settings-url");

        // then
        assertThat(apps(complete).canStart(CRMS.kind("hubspot"))).isTrue();
        assertThat(apps(complete).canStart(CRMS.kind("salesforce"))).isFalse();
        assertThat(apps(complete).canStart(CRMS.kind("pipedrive"))).isFalse();
        assertThat(apps(noSettingsPage).canStart(CRMS.kind("hubspot"))).isFalse();
    }

    private static OAuthApps apps(Map<String, String> properties) {
        Binder binder = new Binder(new MapConfigurationPropertySource(properties));
        OAuthProperties oauth = binder.bindOrCreate("crmsync.oauth", OAuthProperties.class);
        ServeProperties serve = binder.bindOrCreate("crmsync.serve", ServeProperties.class);
        return new OAuthApps(oauth, serve, CRMS);
    }
}
