package com.penguinmails.crmsync.sandbox;

import java.util.Map;

/**
 * What a tenant connection to a sandbox needs, in the suite's own words but without its types (the sandboxes import
 * nothing of the connectors or the credential store).
 *
 * @param account    the CRM account it opens (Salesforce organization id, HubSpot hub id, Pipedrive company domain)
 * @param settings   connection settings ({@code baseUrl} and what the CRM's connector needs to talk to a sandbox)
 * @param credential the secrets the connection is opened with
 */
public record SandboxTenantConnection(String account, Map<String, String> settings, Credential credential) {

    public SandboxTenantConnection {
        settings = Map.copyOf(settings);
    }

    /** The secrets of a sandbox connection. */
    public sealed interface Credential {
    }

    /** A static API token (HubSpot private app, Pipedrive). */
    public record ApiToken(String token) implements Credential {

        @Override
        public String toString() {
            return "ApiToken[redacted]";
        }
    }

    /** An OAuth client and a refresh token it was granted; the access token is fetched on first use. */
    public record OAuthRefresh(String clientId, String clientSecret, String refreshToken) implements Credential {

        @Override
        public String toString() {
            return "OAuthRefresh[client " + clientId + ", secrets redacted]";
        }
    }
}
