package com.penguinmails.crmsync.connector.pipedrive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.ObjectType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Connection settings: defaults, the OAuth server, the auth kind, and object mapping. */
class PipedriveSettingsTest {

    @Test
    void aCompanyDomainGetsPipedrivesOAuthServerAndApiTokenPacing() {
        // when
        PipedriveSettings settings = PipedriveSettings.of(context(Map.of("baseUrl", "https://acme.pipedrive.com/")));

        // then
        assertThat(settings.base()).contains("https://acme.pipedrive.com");
        assertThat(settings.oauthBaseUrl()).isEqualTo("https://oauth.pipedrive.com");
        assertThat(settings.rateLimits().requestsPerWindow()).isEqualTo(18);
        assertThat(settings.rateLimits().dailyLimit()).isEqualTo(600_000);
        assertThat(settings.oauth(false)).isFalse();
        assertThat(settings.oauth(true)).isTrue();
        assertThat(settings.externalIdField(Entity.PERSONS)).isEqualTo("PenguinMails Id");
        assertThat(settings.externalIdField(Entity.ORGANIZATIONS)).isEqualTo("PenguinMails Company Id");
    }

    @Test
    void aSandboxServesItsOwnTokenEndpointAndOAuthPacesFaster() {
        // when
        PipedriveSettings settings = PipedriveSettings.of(context(Map.of("baseUrl", "http://127.0.0.1:4010/api/v2",
                "auth", "oauth", "externalIdField.persons", "PM Key")));

        // then
        assertThat(settings.base()).contains("http://127.0.0.1:4010");
        assertThat(settings.oauthBaseUrl()).isEqualTo("http://127.0.0.1:4010");
        assertThat(settings.rateLimits().requestsPerWindow()).isEqualTo(72);
        assertThat(settings.oauth(false)).isTrue();
        assertThat(settings.externalIdField(Entity.PERSONS)).isEqualTo("PM Key");
    }

    @Test
    void badSettingsAndLeadsAreRefusedByName() {
        assertThatThrownBy(() -> PipedriveSettings.of(context(Map.of("auth", "basic"))))
                .hasMessageContaining("auth");
        assertThatThrownBy(() -> PipedriveSettings.of(context(Map.of("requestsPerSecond", "0"))))
                .hasMessageContaining("requestsPerSecond");
        assertThatThrownBy(() -> Entity.of(ObjectType.LEAD)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LEAD");
        assertThat(Entity.of(ObjectType.COMPANY).path()).isEqualTo("organizations");
    }

    private static ConnectionContext context(Map<String, String> settings) {
        return new ConnectionContext(new Connection(3, "acme", PipedriveConnectorProvider.KIND, null, Connection.Status.ACTIVE,
                null, settings, Instant.now()));
    }
}
