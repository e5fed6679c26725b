package com.penguinmails.crmsync.connector.support;

import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmDescription;
import com.penguinmails.crmsync.credentials.Credential;

/**
 * Everything CRM-specific about one CRM: what it is ({@link CrmDescription}, which every layer reads through
 * {@link com.penguinmails.crmsync.core.CrmProviders}) and how to talk to it (OAuth endpoint, rate limits, which
 * account credentials open, the connector). Each CRM's connector package registers one as a Spring bean; that bean
 * is the CRM's whole registration.
 */
public interface CrmConnectorProvider extends CrmDescription {

    /**
     * The OAuth token endpoint of a connection of this CRM, given its settings (e.g. a sandbox base URL), and what
     * its token answers say beyond OAuth 2.0 (instance URL, account).
     */
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

    /**
     * The account tokens just granted (a refresh or a browser authorisation) open: by default the one the grant
     * names ({@link TokenAnswer#account}).
     *
     * @throws CrmUnavailableException when the CRM refuses the tokens, cannot be reached or names no account
     */
    default CrmAccounts.Identified identify(ConnectionContext context, TokenGrant grant, CrmAccounts accounts) {
        return CrmAccounts.named(grant.credential(), grant.account(), context);
    }

    /**
     * The account an API token opens, asked of the CRM; by default refused (a CRM that connects only by OAuth).
     *
     * @throws CrmUnavailableException when the CRM refuses the token, cannot be reached or names no account
     */
    default CrmAccounts.Identified identify(ConnectionContext context, Credential.ApiToken token,
                                            CrmAccounts accounts) {
        throw new CrmUnavailableException(CrmUnavailableException.Reason.AUTH_REVOKED,
                context.name() + ": " + displayName() + " connects only by OAuth 2.0");
    }

    /**
     * The stream of change events {@code crm-sync serve} subscribes to per connection (Salesforce Change Data
     * Capture); empty when the CRM has none (it delivers webhooks, or nothing).
     */
    default java.util.Optional<CrmChangeStream> changeStream() {
        return java.util.Optional.empty();
    }

    /** How {@code crm-sync serve} receives this CRM's webhooks; empty when the CRM delivers none. */
    default java.util.Optional<CrmWebhooks> webhooks() {
        return java.util.Optional.empty();
    }

    /**
     * How {@code crm-sync serve} subscribes a connection of this CRM to its webhooks through the CRM's API; empty when
     * the CRM needs no subscription per connection (none, or one for the whole app).
     */
    default java.util.Optional<CrmWebhookSubscriptions> webhookSubscriptions() {
        return java.util.Optional.empty();
    }
}
