package com.penguinmails.crmsync.connector.salesforce;

import com.penguinmails.crmsync.connector.salesforce.internal.SalesforceApi;
import com.penguinmails.crmsync.connector.salesforce.internal.SalesforceSettings;
import com.penguinmails.crmsync.connector.support.ApiExecutor;
import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.CrmConnectorProvider;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.penguinmails.crmsync.connector.support.OAuthEndpoint;
import com.penguinmails.crmsync.connector.support.RateLimitSpec;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmKind;
import java.net.URI;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Opens Salesforce connectors. OAuth tokens come from {@code {baseUrl or https://login.salesforce.com}/services/
 * oauth2/token} (client credentials in the form; no {@code expires_in}, so a 2-hour session is assumed); API calls go
 * to the token response's {@code instance_url}, else to {@code baseUrl}. Paced to 25 requests a second and, until
 * Salesforce reports its own, a 100,000-request day of which the {@code dailyShare} setting (default 0.5) is ours.
 */
@Component
public class SalesforceConnectorProvider implements CrmConnectorProvider {

    static final String LOGIN_URL = "https://login.salesforce.com";

    @Override
    public CrmKind kind() {
        return CrmKind.SALESFORCE;
    }

    @Override
    public OAuthEndpoint oauthEndpoint(ConnectionContext context) {
        return new OAuthEndpoint(URI.create(trim(context.baseUrl().orElse(LOGIN_URL)) + "/services/oauth2/token"),
                OAuthEndpoint.ClientAuthentication.FORM, Duration.ofHours(2));
    }

    @Override
    public RateLimitSpec rateLimits(ConnectionContext context) {
        double share;
        try {
            share = Double.parseDouble(context.setting("dailyShare").orElse("0.5").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(context.name() + ": setting dailyShare must be a number in (0, 1]");
        }
        return new RateLimitSpec(25, Duration.ofSeconds(1), 100_000, share);
    }

    @Override
    public CrmConnector open(ConnectionContext context, ApiExecutor executor) {
        SalesforceSettings settings = SalesforceSettings.of(context);
        SalesforceApi api = new SalesforceApi(context.name(), executor, () -> trim(executor.tokens().instanceUrl()
                .or(context::baseUrl).orElseThrow(() -> new CrmUnavailableException(
                        CrmUnavailableException.Reason.AUTH_REVOKED, context.name() + " has no Salesforce instance "
                        + "URL: authorise it again, or set its baseUrl"))), settings);
        return new SalesforceConnector(api, executor);
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
