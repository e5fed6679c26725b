package com.penguinmails.crmsync.connector.support;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.credentials.Credential;
import com.penguinmails.crmsync.credentials.CredentialStore;
import com.penguinmails.crmsync.metrics.SyncMetrics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Opens the connector of a connection: finds its CRM's provider, its credentials (static token or OAuth with
 * refresh), and the connection's one governor, shared by every connector opened for it in this process.
 */
@Component
public class Connectors {

    private final Map<CrmKind, CrmConnectorProvider> providers;
    private final CredentialStore credentials;
    private final Clock clock;
    private final Map<Long, ApiGovernor> governors = new ConcurrentHashMap<>();
    private final int maxRetries;
    private final SyncMetrics metrics;

    public Connectors(List<CrmConnectorProvider> providers, CredentialStore credentials) {
        this(providers, credentials, ApiExecutor.DEFAULT_MAX_RETRIES, SyncMetrics.inMemory());
    }

    /**
     * @param maxRetries how often a call that met a 5xx, a timeout or a dropped connection is made again before the
     *                   CRM counts as down ({@code crmsync.crm.max-retries}, default 8: about 50 s)
     */
    @Autowired
    public Connectors(List<CrmConnectorProvider> providers, CredentialStore credentials,
                      @Value("${crmsync.crm.max-retries:" + ApiExecutor.DEFAULT_MAX_RETRIES + "}") int maxRetries,
                      SyncMetrics metrics) {
        this.metrics = metrics;
        this.providers = providers.stream().collect(Collectors.toMap(CrmConnectorProvider::kind, Function.identity()));
        this.credentials = credentials;
        this.clock = Clock.systemUTC();
        this.maxRetries = maxRetries;
    }

    /** The provider of a CRM's connectors. @throws CrmUnavailableException when this build has none */
    public CrmConnectorProvider provider(CrmKind crm) {
        CrmConnectorProvider provider = providers.get(crm);
        if (provider == null) {
            throw new CrmUnavailableException(CrmUnavailableException.Reason.CRM_DOWN,
                    "this build has no " + crm.id() + " connector");
        }
        return provider;
    }

    /** The connection's API budget as its governor last saw it, if this process has opened it. */
    public java.util.Optional<com.penguinmails.crmsync.core.ApiBudget> budget(long connectionId) {
        return java.util.Optional.ofNullable(governors.get(connectionId)).map(ApiGovernor::budget);
    }

    /**
     * Drops the connection's governor: the next connector opened for it counts a fresh day with the connection's
     * current settings (its API allocation changed, or the CRM's daily quota reset while this process ran).
     */
    public void forgetGovernor(long connectionId) {
        governors.remove(connectionId);
    }

    /** API calls made for a connection by this process so far (0 when none). */
    public long callsMade(long connectionId) {
        ApiGovernor governor = governors.get(connectionId);
        return governor == null ? 0 : governor.callsMade();
    }

    /** 429s a connection's calls met in this process so far (0 when none). */
    public long rateLimitedCalls(long connectionId) {
        ApiGovernor governor = governors.get(connectionId);
        return governor == null ? 0 : governor.rateLimitedCalls();
    }

    /**
     * @throws CrmUnavailableException when the connection has no credentials or no connector exists for its CRM
     */
    public CrmConnector open(Connection connection) {
        ApiExecutor executor = executor(connection); // first: it names the connection when its CRM has no connector
        return provider(connection.crm()).open(new ConnectionContext(connection), executor);
    }

    /**
     * How calls to the connection's CRM are made (its credentials, token refresh, governor and retries), for what is
     * not a {@link CrmConnector} call (webhook subscriptions).
     *
     * @throws CrmUnavailableException when the connection has no credentials or no connector exists for its CRM
     */
    public ApiExecutor executor(Connection connection) {
        return executor(connection, maxRetries);
    }

    /**
     * As {@link #executor(Connection)}, retrying a transient failure at most {@code retries} times: for a best-effort
     * call that must not hold an operator's command for a minute when the CRM is down.
     */
    public ApiExecutor executor(Connection connection, int retries) {
        ConnectionContext context = new ConnectionContext(connection);
        CrmConnectorProvider provider = providers.get(connection.crm());
        if (provider == null) {
            throw new CrmUnavailableException(CrmUnavailableException.Reason.CRM_DOWN,
                    context.name() + ": this build has no " + connection.crm().id() + " connector");
        }
        return executor(context, provider, retries);
    }

    /**
     * Starts the connection's change stream ({@link CrmChangeStream}) after {@code resumeAfter}, authenticated like
     * its connector; empty when its CRM has no change stream.
     *
     * @throws CrmUnavailableException when the connection has no credentials or no connector exists for its CRM
     */
    public java.util.Optional<CrmChangeStream.Subscription> subscribe(Connection connection,
                                                                      byte @org.jspecify.annotations.Nullable []
                                                                              resumeAfter,
                                                                      CrmChangeStream.Listener listener) {
        ConnectionContext context = new ConnectionContext(connection);
        CrmConnectorProvider provider = provider(connection.crm());
        return provider.changeStream().map(stream -> stream.open(context, executor(context, provider, maxRetries), resumeAfter,
                listener));
    }

    private ApiExecutor executor(ConnectionContext context, CrmConnectorProvider provider, int retries) {
        Connection connection = context.connection();
        Credential credential = credentials.find(connection.id()).orElseThrow(() -> new CrmUnavailableException(
                CrmUnavailableException.Reason.AUTH_REVOKED, context.name() + " has no credentials"));
        AccessTokens tokens = credential instanceof Credential.OAuth oauth
                ? new OAuthAccessTokens(connection.id(), context.name(), provider.oauthEndpoint(context), credentials,
                        clock, oauth, outcome -> metrics.oauthRefresh(connection.crm().id(), outcome))
                : AccessTokens.fixed(((Credential.ApiToken) credential).token(), context.name());
        ApiGovernor governor = governors.computeIfAbsent(connection.id(),
                id -> new ApiGovernor(context.name(), provider.rateLimits(context), clock));
        return new ApiExecutor(context.name(), governor, tokens, ApiExecutor.retryPolicy(retries));
    }
}
