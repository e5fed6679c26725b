package com.penguinmails.crmsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The registered sandboxes, started together: one per CRM in the order of their registration (Salesforce, HubSpot,
 * Pipedrive) on the base port and the next two, each naming the connection a tenant makes to it; when one cannot
 * start, those already started are stopped again.
 */
class CrmSandboxesIT {

    @Test
    void eachRegisteredCrmStartsInRegistrationOrderOnTheBasePortAndTheNextOnes() throws Exception {
        // given: the registered sandboxes and three free consecutive ports
        assertThat(CrmSandboxes.factories()).extracting(CrmSandboxFactory::crm)
                .containsExactly("salesforce", "hubspot", "pipedrive");
        int base = freeConsecutivePorts(3);

        // when
        try (CrmSandboxes sandboxes = CrmSandboxes.start(SandboxOptions.defaults().withPort(base))) {

            // then: base, base + 1, base + 2, and the info object keyed by CRM in that order
            assertThat(sandboxes.all()).extracting(CrmSandbox::crm)
                    .containsExactly("salesforce", "hubspot", "pipedrive");
            assertThat(sandboxes.all()).extracting(s -> s.server().port()).containsExactly(base, base + 1, base + 2);
            assertThat(sandboxes.info().keySet()).containsExactly("salesforce", "hubspot", "pipedrive");
            assertThat(sandboxes.sandbox("hubspot").info()).isEqualTo(sandboxes.info().get("hubspot"));
        }
    }

    @Test
    void eachSandboxNamesTheSettingsAndCredentialsOfATenantConnectionToIt() {
        try (CrmSandboxes sandboxes = CrmSandboxes.start(SandboxOptions.defaults())) {
            for (CrmSandbox sandbox : sandboxes.all()) {
                SandboxTenantConnection connection = sandbox.tenantConnection();
                assertThat(connection.settings().get("baseUrl")).as(sandbox.crm())
                        .isEqualTo(sandbox.server().baseUri().toString());
                assertThat(connection.account()).as(sandbox.crm()).isNotBlank();
            }
            SandboxTenantConnection salesforce = sandboxes.sandbox("salesforce").tenantConnection();
            assertThat(salesforce.credential()).isEqualTo(new SandboxTenantConnection.OAuthRefresh(
                    info(sandboxes, "salesforce", "clientId"), info(sandboxes, "salesforce", "clientSecret"),
                    info(sandboxes, "salesforce", "refreshToken")));
            assertThat(salesforce.account()).isEqualTo(info(sandboxes, "salesforce", "organizationId"));
            assertThat(sandboxes.sandbox("hubspot").tenantConnection().credential()).isEqualTo(
                    new SandboxTenantConnection.ApiToken(info(sandboxes, "hubspot", "privateAppToken")));
            assertThat(sandboxes.sandbox("hubspot").tenantConnection().settings())
                    .containsEntry("searchIndexLag", "PT0S");
            assertThat(sandboxes.sandbox("pipedrive").tenantConnection().credential()).isEqualTo(
                    new SandboxTenantConnection.ApiToken(info(sandboxes, "pipedrive", "apiToken")));
            assertThat(sandboxes.sandbox("pipedrive").tenantConnection().settings())
                    .containsEntry("auth", "api_token");
        }
    }

    @Test
    void whenOneSandboxCannotStartTheOnesStartedBeforeItAreStopped() throws Exception {
        // given: HubSpot's port (base + 1) taken
        int base = freeConsecutivePorts(3);
        try (ServerSocket taken = new ServerSocket(base + 1, 50, InetAddress.getLoopbackAddress())) {

            // when
            assertThatThrownBy(() -> CrmSandboxes.start(SandboxOptions.defaults().withPort(base)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("hubspot")
                    .hasMessageContaining(Integer.toString(base + 1));
        }

        // then: Salesforce, started first, let its port go
        try (ServerSocket again = new ServerSocket(base, 50, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(base);
        }
    }

    @Test
    void anUnregisteredCrmIsNamedWithTheRegisteredOnes() {
        assertThatThrownBy(() -> CrmSandboxes.factory("zoho")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zoho").hasMessageContaining("salesforce, hubspot, pipedrive");
    }

    private static String info(CrmSandboxes sandboxes, String crm, String key) {
        return sandboxes.sandbox(crm).info().get(key).toString();
    }

    /** The first of {@code count} consecutive loopback ports that are free now. */
    private static int freeConsecutivePorts(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first;
            try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                first = probe.getLocalPort();
            }
            if (first + count - 1 <= 65_535 && free(first, count)) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports");
    }

    private static boolean free(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (ServerSocket probe = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
