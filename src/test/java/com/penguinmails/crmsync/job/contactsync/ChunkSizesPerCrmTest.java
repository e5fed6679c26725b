package com.penguinmails.crmsync.job.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.AuthMode;
import com.penguinmails.crmsync.core.CrmDescription;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.job.engagementsync.EngagementSyncProperties;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The chunk-size properties keep their names and defaults now that they are keyed by CRM id: a configured size wins,
 * 0 means the job's chunk size, and a CRM not configured takes its provider's default.
 */
class ChunkSizesPerCrmTest {

    private static final CrmDescription SALESFORCE = new SalesforceConnectorProvider();
    private static final CrmDescription HUBSPOT = new HubSpotConnectorProvider();
    private static final CrmDescription PIPEDRIVE = new PipedriveConnectorProvider();

    /** A CRM whose provider sets no chunk sizes. */
    private record Plain(CrmKind kind, String displayName) implements CrmDescription {
        @Override
        public Set<AuthMode> authModes() {
            return Set.of(AuthMode.API_TOKEN);
        }
    }

    private static <T> T bind(Class<T> type, String prefix, Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(prefix, type);
    }

    @Test
    void unconfiguredOutboundChunksAreTheProvidersDefaultsElseTheChunkSize() {
        ContactSyncProperties properties = bind(ContactSyncProperties.class, "crmsync.contact-sync", Map.of());

        assertThat(properties.outboundChunkSize(SALESFORCE)).isEqualTo(5000);
        assertThat(properties.outboundChunkSize(HUBSPOT)).isEqualTo(200);
        assertThat(properties.outboundChunkSize(PIPEDRIVE)).isEqualTo(200);
        assertThat(properties.outboundChunkSize(new Plain(CrmKind.of("zoho"), "Zoho CRM"))).isEqualTo(200);
    }

    @Test
    void aConfiguredOutboundChunkWinsAndZeroMeansTheChunkSize() {
        ContactSyncProperties properties = bind(ContactSyncProperties.class, "crmsync.contact-sync", Map.of(
                "crmsync.contact-sync.chunk-size", "50",
                "crmsync.contact-sync.outbound-chunk-size.salesforce", "0",
                "crmsync.contact-sync.outbound-chunk-size.hubspot", "300",
                "crmsync.contact-sync.outbound-chunk-size.zoho", "40"));

        assertThat(properties.outboundChunkSize(SALESFORCE)).isEqualTo(50);
        assertThat(properties.outboundChunkSize(HUBSPOT)).isEqualTo(300);
        assertThat(properties.outboundChunkSize(PIPEDRIVE)).isEqualTo(50);
        assertThat(properties.outboundChunkSize(new Plain(CrmKind.of("zoho"), "Zoho CRM"))).isEqualTo(40);
    }

    @Test
    void engagementChunksPerCrmKeepTheirNamesAndDefaults() {
        EngagementSyncProperties defaults = bind(EngagementSyncProperties.class, "crmsync.engagement-sync", Map.of());
        EngagementSyncProperties configured = bind(EngagementSyncProperties.class, "crmsync.engagement-sync", Map.of(
                "crmsync.engagement-sync.chunk-size-per-crm.salesforce", "7",
                "crmsync.engagement-sync.chunk-size-per-crm.pipedrive", "9"));

        assertThat(defaults.chunkSize(SALESFORCE)).isEqualTo(2500);
        assertThat(defaults.chunkSize(HUBSPOT)).isEqualTo(1000);
        assertThat(defaults.chunkSize(PIPEDRIVE)).isEqualTo(200);
        assertThat(configured.chunkSize(SALESFORCE)).isEqualTo(7);
        assertThat(configured.chunkSize(HUBSPOT)).isEqualTo(1000);
        assertThat(configured.chunkSize(PIPEDRIVE)).isEqualTo(9);
    }
}
