package com.penguinmails.crmsync.connector.hubspot;

import com.penguinmails.crmsync.connector.hubspot.internal.ActivityLogger;
import com.penguinmails.crmsync.connector.hubspot.internal.ByIdReader;
import com.penguinmails.crmsync.connector.hubspot.internal.ChangeFeed;
import com.penguinmails.crmsync.connector.hubspot.internal.ConsentWriter;
import com.penguinmails.crmsync.connector.hubspot.internal.HubSpotApi;
import com.penguinmails.crmsync.connector.hubspot.internal.HubSpotHttp;
import com.penguinmails.crmsync.connector.hubspot.internal.HubSpotOptions;
import com.penguinmails.crmsync.connector.hubspot.internal.ObjectDescriber;
import com.penguinmails.crmsync.connector.hubspot.internal.PropertyDirectory;
import com.penguinmails.crmsync.connector.hubspot.internal.RecordWriter;
import com.penguinmails.crmsync.connector.hubspot.internal.SearchPacer;
import com.penguinmails.crmsync.connector.support.ApiExecutor;
import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.CrmAccounts;
import com.penguinmails.crmsync.connector.support.CrmConnectorProvider;
import com.penguinmails.crmsync.connector.support.CrmWebhooks;
import com.penguinmails.crmsync.connector.support.OAuthEndpoint;
import com.penguinmails.crmsync.connector.support.RateLimitSpec;
import com.penguinmails.crmsync.connector.support.SharedSettingRules;
import com.penguinmails.crmsync.connector.support.TokenAnswer;
import com.penguinmails.crmsync.core.AuthMode;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.SettingRule;
import com.penguinmails.crmsync.credentials.Credential;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Opens HubSpot connectors. Paces a connection at {@code requestsPerSecond} (default 18: under the 190 per 10 s
 * HubSpot grants private apps on Professional and Enterprise plans; set 10 for a public OAuth app, which HubSpot
 * limits to 110 per 10 s per account), spends at most {@code dailyShare} (default 0.5) of the daily quota, assumed
 * 625,000 until HubSpot's headers report the account's own, and paces search apart with one {@link SearchPacer} per
 * connection, shared by every connector opened for it in this process. OAuth tokens come from
 * {@code {baseUrl}/oauth/v1/token} with the client's id and secret in the form; they last 30 minutes, and their
 * answer names the account ({@code hub_id}); a private-app token's account is {@code GET /account-info/v3/details}.
 * An engagement chunk of 1,000 e-mails lets the few follow-up tasks of a chunk share full batches of 100.
 */
@Component
@Order(2) // its place in lists of CRMs ("expected salesforce, hubspot or pipedrive"); unordered ones come last
public class HubSpotConnectorProvider implements CrmConnectorProvider {

    /** HubSpot's id. */
    public static final CrmKind KIND = CrmKind.of("hubspot");

    static final long ASSUMED_DAILY_LIMIT = 625_000;

    /** The account a grant opens: {@code hub_id}. */
    static final TokenAnswer TOKEN_ANSWER = new TokenAnswer() {
        @Override
        public @Nullable String account(Map<String, Object> parameters) {
            return TokenAnswer.text(parameters, "hub_id");
        }
    };

    private final HttpClient http;
    private final Clock clock;
    private final Map<Long, SearchPacer> searchPacers = new ConcurrentHashMap<>();
    private final HubSpotWebhooks webhooks = new HubSpotWebhooks();

    public HubSpotConnectorProvider() {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build(), Clock.systemUTC());
    }

    /** With the clock the change feed measures the search index lag by (tests pass the sandbox's). */
    public HubSpotConnectorProvider(HttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public CrmKind kind() {
        return KIND;
    }

    @Override
    public String displayName() {
        return "HubSpot";
    }

    @Override
    public List<SettingRule> settingRules() {
        return List.of(SharedSettingRules.dailyShare(), SharedSettingRules.writeConcurrency(),
                SettingRule.range("requestsPerSecond", "HubSpot requests per second the suite may make", 1, 190),
                SettingRule.duration("searchIndexLag", "HubSpot search indexing lag (ISO-8601, e.g. PT30S)"),
                SettingRule.text("subscriptionId", "the marketing-email subscription opt-outs go to"),
                SettingRule.text("idProperty.", "unique property upserts go by, per object"),
                SettingRule.text("properties.", "extra properties read, per object"));
    }

    @Override
    public Set<AuthMode> authModes() {
        return Set.of(AuthMode.OAUTH, AuthMode.API_TOKEN);
    }

    @Override
    public int engagementChunkSize() {
        return 1000;
    }

    @Override
    public OAuthEndpoint oauthEndpoint(ConnectionContext context) {
        return new OAuthEndpoint(URI.create(HubSpotOptions.of(context).baseUrl() + "/oauth/v1/token"),
                OAuthEndpoint.ClientAuthentication.FORM, Duration.ofMinutes(30), TOKEN_ANSWER);
    }

    /** A private-app token's account: {@code portalId} of {@code GET /account-info/v3/details}. */
    @Override
    public CrmAccounts.Identified identify(ConnectionContext context, Credential.ApiToken token, CrmAccounts accounts) {
        var details = accounts.get(context, URI.create(CrmAccounts.base(context, HubSpotOptions.DEFAULT_BASE_URL)
                + "/account-info/v3/details"), "Authorization", "Bearer " + token.token());
        return CrmAccounts.named(token, CrmAccounts.text(details, "portalId"), context);
    }

    /** HubSpot's consent page lives on app.hubspot.com; a private instance or sandbox serves it at its base URL. */
    @Override
    public URI authorizationUri(ConnectionContext context) {
        String base = HubSpotOptions.of(context).baseUrl().toString();
        return URI.create(base.equals(HubSpotOptions.DEFAULT_BASE_URL) ? "https://app.hubspot.com/oauth/authorize"
                : base + "/oauth/authorize");
    }

    @Override
    public RateLimitSpec rateLimits(ConnectionContext context) {
        HubSpotOptions options = HubSpotOptions.of(context);
        return new RateLimitSpec(options.requestsPerSecond(), Duration.ofSeconds(1), ASSUMED_DAILY_LIMIT,
                options.dailyShare());
    }

    @Override
    public CrmConnector open(ConnectionContext context, ApiExecutor executor) {
        HubSpotOptions options = HubSpotOptions.of(context);
        SearchPacer pacer = searchPacers.computeIfAbsent(context.connection().id(),
                id -> new SearchPacer(context.name(), options.searchRequestsPerSecond()));
        HubSpotApi api = new HubSpotApi(new HubSpotHttp(http, options.baseUrl(), executor, options.readTimeout()), pacer);
        PropertyDirectory directory = new PropertyDirectory(api);
        ConsentWriter consent = new ConsentWriter(api, options);
        ChangeFeed feed = new ChangeFeed(api, directory, options, clock, consent);
        return new HubSpotConnector(feed, new ByIdReader(api, feed),
                new RecordWriter(api, consent, options), new ActivityLogger(api, options.writeConcurrency()),
                new ObjectDescriber(directory), executor);
    }

    /** HubSpot's app webhooks: signature v3, one address for every account ({@link HubSpotWebhooks}). */
    @Override
    public Optional<CrmWebhooks> webhooks() {
        return Optional.of(webhooks);
    }
}
