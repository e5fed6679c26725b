package com.penguinmails.crmsync.connector.salesforce;

import com.penguinmails.crmsync.connector.salesforce.cdc.SalesforceChangeStream;
import com.penguinmails.crmsync.connector.salesforce.internal.SalesforceApi;
import com.penguinmails.crmsync.connector.salesforce.internal.SalesforceSettings;
import com.penguinmails.crmsync.connector.support.ApiExecutor;
import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.CrmAccounts;
import com.penguinmails.crmsync.connector.support.CrmChangeStream;
import com.penguinmails.crmsync.connector.support.CrmConnectorProvider;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.penguinmails.crmsync.connector.support.OAuthEndpoint;
import com.penguinmails.crmsync.connector.support.RateLimitSpec;
import com.penguinmails.crmsync.connector.support.SharedSettingRules;
import com.penguinmails.crmsync.connector.support.TokenAnswer;
import com.penguinmails.crmsync.connector.support.TokenGrant;
import com.penguinmails.crmsync.core.AuthMode;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.SettingRule;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Opens Salesforce connectors. OAuth tokens come from {@code {baseUrl or https://login.salesforce.com}/services/
 * oauth2/token} (client credentials in the form; no {@code expires_in}, so a 2-hour session is assumed); API calls go
 * to the token response's {@code instance_url}, else to {@code baseUrl}. Paced to 25 requests a second and, until
 * Salesforce reports its own, a 100,000-request day of which the {@code dailyShare} setting (default 0.5) is ours.
 * People are Contacts and Leads; connections authenticate by OAuth only (SOAP login is retired); the token answer
 * names the org in its identity URL {@code id} ({@code .../id/<org id>/<user id>}), known by its 15- and 18-character
 * spellings. Outbound chunks of 5,000 contacts and engagement chunks of 2,500 e-mails are above the connector's Bulk
 * API 2.0 threshold (more than 2,000 records in one upsert), so large pushes run as a few ingest jobs.
 */
@Component
@Order(1) // its place in lists of CRMs ("expected salesforce, hubspot or pipedrive"); unordered ones come last
public class SalesforceConnectorProvider implements CrmConnectorProvider {

    /** Salesforce's id. */
    public static final CrmKind KIND = CrmKind.of("salesforce");

    static final String LOGIN_URL = "https://login.salesforce.com";

    private static final CrmChangeStream CHANGE_STREAM = new SalesforceChangeStream();

    /** Where API calls go ({@code instance_url}) and the org its identity URL names. */
    static final TokenAnswer TOKEN_ANSWER = new TokenAnswer() {
        @Override
        public @Nullable String instanceUrl(Map<String, Object> parameters) {
            return TokenAnswer.text(parameters, "instance_url");
        }

        @Override
        public @Nullable String account(Map<String, Object> parameters) {
            String identity = TokenAnswer.text(parameters, "id");
            if (identity != null) {
                String[] path = identity.split("/");
                for (int i = 0; i + 1 < path.length; i++) {
                    if (path[i].equals("id")) {
                        return path[i + 1];
                    }
                }
            }
            return null;
        }
    };

    @Override
    public CrmKind kind() {
        return KIND;
    }

    @Override
    public String displayName() {
        return "Salesforce";
    }

    @Override
    public List<ObjectType> personObjects() {
        return List.of(ObjectType.CONTACT, ObjectType.LEAD);
    }

    @Override
    public List<SettingRule> settingRules() {
        return List.of(SharedSettingRules.dailyShare(),
                SettingRule.url("pubSubEndpoint", "Salesforce Pub/Sub API for Change Data Capture (default "
                        + "https://api.pubsub.salesforce.com:7443; http:// for a plaintext sandbox)"),
                SettingRule.text("cdcChannel", "the change event channel crm-sync serve subscribes to (default "
                        + "/data/ChangeEvents; Contact, Lead and Account must be selected for it)"));
    }

    @Override
    public Set<AuthMode> authModes() {
        return Set.of(AuthMode.OAUTH);
    }

    @Override
    public String authRefusal(AuthMode given) {
        return "Salesforce connects only by OAuth 2.0 (SOAP login is retired): give --client-id, --client-secret "
                + "and --refresh-token";
    }

    @Override
    public int outboundChunkSize() {
        return 5000;
    }

    @Override
    public int engagementChunkSize() {
        return 2500;
    }

    /** Change Data Capture over the Pub/Sub API ({@link SalesforceChangeStream}). */
    @Override
    public java.util.Optional<CrmChangeStream> changeStream() {
        return java.util.Optional.of(CHANGE_STREAM);
    }

    @Override
    public OAuthEndpoint oauthEndpoint(ConnectionContext context) {
        return new OAuthEndpoint(URI.create(trim(context.baseUrl().orElse(LOGIN_URL)) + "/services/oauth2/token"),
                OAuthEndpoint.ClientAuthentication.FORM, Duration.ofHours(2), TOKEN_ANSWER);
    }

    /** The org the grant's identity URL names, also known by its case-sensitive 15-character id. */
    @Override
    public CrmAccounts.Identified identify(ConnectionContext context, TokenGrant grant, CrmAccounts accounts) {
        String org = grant.account();
        return org != null && org.length() == 18 && org.startsWith("00D")
                ? CrmAccounts.named(grant.credential(), org, context, org.substring(0, 15))
                : CrmAccounts.named(grant.credential(), org, context);
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
