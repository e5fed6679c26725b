package com.penguinmails.crmsync.connector.hubspot;

import com.penguinmails.crmsync.connector.hubspot.internal.ActivityLogger;
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
import com.penguinmails.crmsync.connector.support.CrmConnectorProvider;
import com.penguinmails.crmsync.connector.support.OAuthEndpoint;
import com.penguinmails.crmsync.connector.support.RateLimitSpec;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Opens HubSpot connectors. Paces a connection at {@code requestsPerSecond} (default 18: under the 190 per 10 s
 * HubSpot grants private apps on Professional and Enterprise plans; set 10 for a public OAuth app, which HubSpot
 * limits to 110 per 10 s per account), spends at most {@code dailyShare} (default 0.5) of the daily quota, assumed
 * 625,000 until HubSpot's headers report the account's own, and paces search apart with one {@link SearchPacer} per
 * connection, shared by every connector opened for it in this process. OAuth tokens come from
 * {@code {baseUrl}/oauth/v1/token} with the client's id and secret in the form; they last 30 minutes.
 */
@Component
public class HubSpotConnectorProvider implements CrmConnectorProvider {

    static final long ASSUMED_DAILY_LIMIT = 625_000;

    private final HttpClient http;
    private final Clock clock;
    private final Map<Long, SearchPacer> searchPacers = new ConcurrentHashMap<>();

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
        return CrmKind.HUBSPOT;
    }

    @Override
    public OAuthEndpoint oauthEndpoint(ConnectionContext context) {
        return new OAuthEndpoint(URI.create(HubSpotOptions.of(context).baseUrl() + "/oauth/v1/token"),
                OAuthEndpoint.ClientAuthentication.FORM, Duration.ofMinutes(30));
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
        return new HubSpotConnector(new ChangeFeed(api, directory, options, clock, consent),
                new RecordWriter(api, consent, options), new ActivityLogger(api, options.writeConcurrency()),
                new ObjectDescriber(directory), executor);
    }
}
