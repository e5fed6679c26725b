package com.penguinmails.crmsync.connector.support;

import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmKind;

/** Opens connectors for one CRM; each CRM's connector package registers one as a Spring bean. */
public interface CrmConnectorProvider {

    CrmKind kind();

    /** The OAuth token endpoint of a connection of this CRM, given its settings (e.g. a sandbox base URL). */
    OAuthEndpoint oauthEndpoint(ConnectionContext context);

    /**
     * Where a user authorises this suite (the OAuth authorization endpoint): by default the token endpoint's path with
     * its last segment {@code token} replaced by {@code authorize} (Salesforce, Pipedrive).
     */
    default java.net.URI authorizationUri(ConnectionContext context) {
        String token = oauthEndpoint(context).tokenUri().toString();
        return java.net.URI.create(token.substring(0, token.lastIndexOf('/') + 1) + "authorize");
    }

    /** The rate limits this suite paces a connection of this CRM to, until the CRM reports its own. */
    RateLimitSpec rateLimits(ConnectionContext context);

    /** A connector for the connection, calling the CRM through {@code executor}. */
    CrmConnector open(ConnectionContext context, ApiExecutor executor);
}
