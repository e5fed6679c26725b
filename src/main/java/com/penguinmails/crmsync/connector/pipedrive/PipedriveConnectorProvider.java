package com.penguinmails.crmsync.connector.pipedrive;

import com.penguinmails.crmsync.connector.pipedrive.internal.AccountFields;
import com.penguinmails.crmsync.connector.pipedrive.internal.ActivityLogger;
import com.penguinmails.crmsync.connector.pipedrive.internal.ApiTransport;
import com.penguinmails.crmsync.connector.pipedrive.internal.ByIdReader;
import com.penguinmails.crmsync.connector.pipedrive.internal.ChangeFeed;
import com.penguinmails.crmsync.connector.pipedrive.internal.DeletionProbe;
import com.penguinmails.crmsync.connector.pipedrive.internal.Describer;
import com.penguinmails.crmsync.connector.pipedrive.internal.ExternalIdLookup;
import com.penguinmails.crmsync.connector.pipedrive.internal.PipedriveApi;
import com.penguinmails.crmsync.connector.pipedrive.internal.PipedriveSettings;
import com.penguinmails.crmsync.connector.pipedrive.internal.RecordMapper;
import com.penguinmails.crmsync.connector.pipedrive.internal.RecordWriter;
import com.penguinmails.crmsync.connector.support.ApiExecutor;
import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.CrmAccounts;
import com.penguinmails.crmsync.connector.support.CrmConnectorProvider;
import com.penguinmails.crmsync.connector.support.CrmWebhookSubscriptions;
import com.penguinmails.crmsync.connector.support.CrmWebhooks;
import com.penguinmails.crmsync.connector.support.OAuthEndpoint;
import com.penguinmails.crmsync.connector.support.RateLimitSpec;
import com.penguinmails.crmsync.connector.support.SharedSettingRules;
import com.penguinmails.crmsync.connector.support.TokenAnswer;
import com.penguinmails.crmsync.connector.support.TokenGrant;
import com.penguinmails.crmsync.core.AuthMode;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.SettingRule;
import com.penguinmails.crmsync.credentials.Credential;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens {@link PipedriveConnector}s. OAuth tokens come from {@code {oauthBaseUrl}/oauth/token} with HTTP Basic client
 * authentication (Pipedrive's access tokens last an hour); pacing and the daily token budget come from the
 * connection's settings (see {@link PipedriveSettings}). Connections authenticate by API token or OAuth (setting
 * {@code auth} says which header to send); an OAuth answer names the {@code api_domain} calls go to; the account is
 * the company of {@code GET /api/v1/users/me} (id or domain).
 */
@Component
@Order(3) // its place in lists of CRMs ("expected salesforce, hubspot or pipedrive"); unordered ones come last
public class PipedriveConnectorProvider implements CrmConnectorProvider {

    /** Pipedrive's id. */
    public static final CrmKind KIND = CrmKind.of("pipedrive");

    /** Where API calls go: {@code api_domain}. */
    static final TokenAnswer TOKEN_ANSWER = new TokenAnswer() {
        @Override
        public @Nullable String instanceUrl(Map<String, Object> parameters) {
            return TokenAnswer.text(parameters, "api_domain");
        }
    };

    private final JsonMapper json = JsonMapper.builder().build();
    private final PipedriveWebhooks webhooks = new PipedriveWebhooks(json);
    private final PipedriveWebhookSubscriptions webhookSubscriptions = new PipedriveWebhookSubscriptions(json);

    @Override
    public CrmKind kind() {
        return KIND;
    }

    @Override
    public String displayName() {
        return "Pipedrive";
    }

    @Override
    public List<SettingRule> settingRules() {
        return List.of(SharedSettingRules.dailyShare(), SharedSettingRules.writeConcurrency(),
                SettingRule.oneOf("auth", "api_token or oauth", "api_token", "oauth"),
                SettingRule.url("oauthBaseUrl", "OAuth API base URL"),
                SettingRule.text("activityType", "activity type e-mails are logged as (e.g. email)"),
                SettingRule.text("externalIdField.", "custom field holding the PenguinMails id, per entity"));
    }

    @Override
    public Set<AuthMode> authModes() {
        return Set.of(AuthMode.API_TOKEN, AuthMode.OAUTH);
    }

    /** The connector sends {@code x-api-token} or a Bearer token according to setting {@code auth}. */
    @Override
    public Map<String, String> settingsFor(AuthMode mode) {
        return Map.of("auth", mode == AuthMode.OAUTH ? "oauth" : "api_token");
    }

    @Override
    public OAuthEndpoint oauthEndpoint(ConnectionContext context) {
        return new OAuthEndpoint(URI.create(PipedriveSettings.of(context).oauthBaseUrl() + "/oauth/token"),
                OAuthEndpoint.ClientAuthentication.BASIC, Duration.ofHours(1), TOKEN_ANSWER);
    }

    @Override
    public CrmAccounts.Identified identify(ConnectionContext context, Credential.ApiToken token, CrmAccounts accounts) {
        return company(context, accounts, token, null, "x-api-token", token.token());
    }

    @Override
    public CrmAccounts.Identified identify(ConnectionContext context, TokenGrant grant, CrmAccounts accounts) {
        return company(context, accounts, grant.credential(), grant.credential().instanceUrl(), "Authorization",
                "Bearer " + grant.credential().accessToken());
    }

    /** The company of {@code users/me}, known by its id, its domain and its {@code .pipedrive.com} host. */
    private static CrmAccounts.Identified company(ConnectionContext context, CrmAccounts accounts,
                                                  Credential credential, @Nullable String apiDomain, String header,
                                                  String value) {
        String root = apiDomain != null ? apiDomain : CrmAccounts.base(context, "https://api.pipedrive.com");
        root = root.replaceAll("/api/v[12]$", "");
        var data = accounts.get(context, URI.create(root + "/api/v1/users/me"), header, value).path("data");
        String companyId = CrmAccounts.text(data, "company_id");
        if (companyId == null) {
            throw CrmAccounts.unanswered(context);
        }
        Set<String> aliases = new LinkedHashSet<>();
        aliases.add(companyId);
        String domain = CrmAccounts.text(data, "company_domain");
        if (domain != null) {
            aliases.add(domain);
            aliases.add(domain + ".pipedrive.com");
        }
        return new CrmAccounts.Identified(credential, domain != null ? domain : companyId, Set.copyOf(aliases));
    }

    @Override
    public RateLimitSpec rateLimits(ConnectionContext context) {
        return PipedriveSettings.of(context).rateLimits();
    }

    @Override
    public PipedriveConnector open(ConnectionContext context, ApiExecutor executor) {
        PipedriveSettings settings = PipedriveSettings.of(context);
        PipedriveApi api = new PipedriveApi(new ApiTransport(executor, settings, json));
        AccountFields fields = new AccountFields(api);
        RecordMapper mapper = new RecordMapper(json);
        return new PipedriveConnector(new ChangeFeed(api, fields, mapper, settings),
                new ByIdReader(api, fields, mapper, settings),
                new RecordWriter(api, fields, mapper, new ExternalIdLookup(api, settings), settings),
                new ActivityLogger(api, settings), new Describer(fields, settings), new DeletionProbe(api), executor);
    }

    /** Webhooks v2 with Basic auth, one address per connection. */
    @Override
    public Optional<CrmWebhooks> webhooks() {
        return Optional.of(webhooks);
    }

    /** The service registers each connection's webhooks through Pipedrive's API. */
    @Override
    public Optional<CrmWebhookSubscriptions> webhookSubscriptions() {
        return Optional.of(webhookSubscriptions);
    }
}
