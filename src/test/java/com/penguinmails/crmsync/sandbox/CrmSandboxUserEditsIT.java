package com.penguinmails.crmsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.testing.CrmDriver;
import com.penguinmails.crmsync.testing.CrmDrivers;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a sandbox offers the real-time tests and the demo ({@link CrmSandbox#editPersonAsUser},
 * {@link CrmSandbox#deliverChangesTo}): a user's edit goes through the vendor's API and is what that API answers
 * afterwards (Pipedrive's other name kept); an edit the CRM refuses fails naming the call and status; HubSpot's app
 * delivers to the service's HubSpot address, and the others need no setting (they announce changes once the service
 * registered webhooks or subscribed: {@link CrmSandbox#announcesChanges}).
 */
class CrmSandboxUserEditsIT {

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void aUsersEditIsWhatTheCrmsApiAnswersAfterwardsAndTheOtherNameIsKept(CrmKind kind) throws Exception {
        try (CrmDriver crm = CrmDriver.start(kind, 0)) {
            // given
            String id = crm.create("ada-" + kind.id() + "@edits.example", "Ada", "Lovelace");

            // when
            crm.sandbox().editPersonAsUser(id, crm.lastNameField(), "Byron");

            // then
            assertThat(crm.field(id, crm.lastNameField())).isEqualTo("Byron");
            assertThat(crm.field(id, crm.firstNameField())).isEqualTo("Ada");
        }
    }

    @ParameterizedTest
    @MethodSource(CrmDrivers.EVERY_CRM_SOURCE)
    void anEditOfAPersonTheCrmDoesNotHaveFailsNamingTheCallAndItsStatus(CrmKind kind) {
        try (CrmDriver crm = CrmDriver.start(kind, 0)) {
            String unknown = kind.id().equals("salesforce") ? "003000000000099AAA" : "999999";

            assertThatThrownBy(() -> crm.sandbox().editPersonAsUser(unknown, crm.lastNameField(), "Byron"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(unknown)
                    .hasMessageMatching(".*was answered 4\\d\\d");
        }
    }

    @Test
    void hubSpotsAppDeliversToTheServicesHubSpotAddressAndTheOtherCrmsNeedNoSetting() {
        try (CrmSandboxes sandboxes = CrmSandboxes.start(SandboxOptions.defaults())) {
            // given
            Map<String, Object> before = sandboxes.info();

            // when
            sandboxes.all().forEach(sandbox -> sandbox.deliverChangesTo(URI.create("http://127.0.0.1:8123/")));

            // then
            assertThat(((Map<?, ?>) sandboxes.sandbox("hubspot").info().get("webhooks")).get("targetUrl"))
                    .isEqualTo("http://127.0.0.1:8123/webhooks/hubspot");
            assertThat(sandboxes.sandbox("hubspot").announcesChanges()).isTrue();
            // Pipedrive announces to the webhooks the service registers, Salesforce to the service's subscription
            assertThat(sandboxes.sandbox("pipedrive").announcesChanges()).isFalse();
            assertThat(sandboxes.sandbox("salesforce").announcesChanges()).isFalse();
            assertThat(sandboxes.sandbox("salesforce").info()).isEqualTo(before.get("salesforce"));
        }
    }
}
