package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.credentials.Credential;
import com.penguinmails.crmsync.sandbox.CrmSandbox;
import com.penguinmails.crmsync.sandbox.SandboxTenantConnection;
import java.util.HashMap;
import java.util.Map;

/**
 * Connects a tenant to a running CRM sandbox with the settings and credentials the sandbox names: the demo's
 * connections, and the tests'.
 */
public final class SandboxTenants {

    private SandboxTenants() {
    }

    /** The connection id; {@code settings} add to (and override) the sandbox's own. */
    public static long connect(ConnectionRegistry registry, String tenant, String account, CrmSandbox sandbox,
                        Map<String, String> settings) {
        SandboxTenantConnection connection = sandbox.tenantConnection();
        Map<String, String> all = new HashMap<>(connection.settings());
        all.putAll(settings);
        return registry.connect(tenant, CrmKind.of(sandbox.crm()), account, all,
                credential(connection.credential()));
    }

    private static Credential credential(SandboxTenantConnection.Credential credential) {
        if (credential instanceof SandboxTenantConnection.OAuthRefresh oauth) {
            return new Credential.OAuth("", oauth.refreshToken(), null, null, oauth.clientId(), oauth.clientSecret(),
                    null);
        }
        return new Credential.ApiToken(((SandboxTenantConnection.ApiToken) credential).token());
    }
}
