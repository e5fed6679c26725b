package com.penguinmails.crmsync.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.core.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Common settings apply to every CRM's connections; a CRM's own settings, which its provider declares, to its own. */
class ConnectionSettingRulesTest {

    private final ConnectionSettingRules rules = new ConnectionSettingRules(new CrmProviders(List.of(
            new SalesforceConnectorProvider(), new HubSpotConnectorProvider(), new PipedriveConnectorProvider())));

    @Test
    void aCommonSettingAppliesToEveryCrmAndIsNormalised() {
        assertThat(rules.checked(SalesforceConnectorProvider.KIND, "baseUrl", " https://x.example/ "))
                .isEqualTo("https://x.example");
        assertThat(rules.checked(PipedriveConnectorProvider.KIND, "readTimeoutSeconds", "30")).isEqualTo("30");
    }

    @Test
    void aCrmsOwnSettingAppliesToItsConnectionsOnly() {
        assertThat(rules.checked(HubSpotConnectorProvider.KIND, "idProperty.contact", "pm_id")).isEqualTo("pm_id");
        assertThat(rules.checked(PipedriveConnectorProvider.KIND, "dailyShare", "0.3")).isEqualTo("0.3");
        assertThatThrownBy(() -> rules.checked(SalesforceConnectorProvider.KIND, "searchIndexLag", "PT1S"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("setting 'searchIndexLag' does not apply to salesforce connections");
    }

    @Test
    void theSyncFrequencyAppliesToEveryCrmAndTakesOnlyTheFourFrequencies() {
        assertThat(rules.checked(HubSpotConnectorProvider.KIND, "syncFrequency", "4h")).isEqualTo("4h");
        assertThat(rules.checked(HubSpotConnectorProvider.KIND, "dailyShare", "0.3")).isEqualTo("0.3");
        assertThatThrownBy(() -> rules.checked(SalesforceConnectorProvider.KIND, "syncFrequency", "5m"))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("setting 'syncFrequency': ");
    }

    @Test
    void aBadValueIsRefusedNamingTheKeyAndWhatItMeans() {
        assertThatThrownBy(() -> rules.checked(HubSpotConnectorProvider.KIND, "writeConcurrency", "40"))
                .isInstanceOf(InvalidRequestException.class).hasMessage("setting 'writeConcurrency': 40 is not in "
                        + "1..16 (API calls a write may have in flight (1..16; the rate limit still applies))");
    }

    @Test
    void anUnknownKeyIsRefusedNamingEveryKnownOne() {
        assertThatThrownBy(() -> rules.requireKnown("colour")).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("unknown setting 'colour'; known: baseUrl, createContactsInCrm, "
                        + "activityLogging, followUpTasks, readTimeoutSeconds, syncFrequency, direction, "
                        + "createContactsFromLists, objects, dailyShare, pubSubEndpoint, "
                        + "cdcChannel, writeConcurrency, ")
                .hasMessageContaining("idProperty.<object>").hasMessageEndingWith("externalIdField.<object>");
        rules.requireKnown("auth");
    }

    @Test
    void theObjectsAConnectionSyncsAreThoseItsCrmHas() {
        assertThat(rules.checked(SalesforceConnectorProvider.KIND, "objects", " Lead, contact,lead "))
                .isEqualTo("lead,contact");
        assertThatThrownBy(() -> rules.checked(HubSpotConnectorProvider.KIND, "objects", "contact,lead"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("setting 'objects': 'lead' is not one of company, contact");
        assertThatThrownBy(() -> rules.checked(PipedriveConnectorProvider.KIND, "objects", " , "))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("give at least one of");
    }

    @Test
    void directionAndCreationListsAreChecked() {
        assertThat(rules.checked(PipedriveConnectorProvider.KIND, "direction", "inbound")).isEqualTo("inbound");
        assertThatThrownBy(() -> rules.checked(PipedriveConnectorProvider.KIND, "direction", "sideways"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("setting 'direction': 'sideways' is not one of inbound, outbound, both");
        assertThat(rules.checked(HubSpotConnectorProvider.KIND, "createContactsFromLists", "4, 12,4"))
                .isEqualTo("4,12");
        assertThatThrownBy(() -> rules.checked(HubSpotConnectorProvider.KIND, "createContactsFromLists", "4,VIP"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'VIP' is not an id");
    }
}
