package com.penguinmails.crmsync.sandbox.salesforce;

import com.penguinmails.crmsync.sandbox.CrmSandbox;
import com.penguinmails.crmsync.sandbox.CrmSandboxFactory;
import com.penguinmails.crmsync.sandbox.SandboxTenantConnection;
import com.penguinmails.crmsync.sandbox.salesforce.auth.ApiAllocation;
import com.penguinmails.crmsync.sandbox.salesforce.auth.ApiGate;
import com.penguinmails.crmsync.sandbox.salesforce.auth.ConnectedApp;
import com.penguinmails.crmsync.sandbox.salesforce.auth.OAuthEndpoint;
import com.penguinmails.crmsync.sandbox.salesforce.auth.TokenRegistry;
import com.penguinmails.crmsync.sandbox.salesforce.bulk.BulkJobs;
import com.penguinmails.crmsync.sandbox.salesforce.bulk.IngestResource;
import com.penguinmails.crmsync.sandbox.salesforce.bulk.QueryResource;
import com.penguinmails.crmsync.sandbox.salesforce.model.RecordStore;
import com.penguinmails.crmsync.sandbox.salesforce.model.Replication;
import com.penguinmails.crmsync.sandbox.salesforce.pubsub.PubSubServer;
import com.penguinmails.crmsync.sandbox.salesforce.model.SalesforceIds;
import com.penguinmails.crmsync.sandbox.salesforce.model.Schema;
import com.penguinmails.crmsync.sandbox.salesforce.model.SeedData;
import com.penguinmails.crmsync.sandbox.salesforce.rest.LimitsResource;
import com.penguinmails.crmsync.sandbox.salesforce.rest.ReplicationResource;
import com.penguinmails.crmsync.sandbox.salesforce.rest.RestAccess;
import com.penguinmails.crmsync.sandbox.salesforce.rest.RestQueryResource;
import com.penguinmails.crmsync.sandbox.salesforce.rest.SObjectResource;
import com.penguinmails.crmsync.sandbox.salesforce.soap.SoapEndpoint;
import com.penguinmails.crmsync.sandbox.salesforce.soql.QueryCursors;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlCompiler;
import com.penguinmails.crmsync.sandbox.support.SandboxClock;
import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Salesforce sandbox: an in-memory org (Contact, Lead, Account, Task) behind OAuth 2.0, the SOAP Partner API,
 * the REST query, sObject, replication and limits resources and Bulk API 2.0, on a loopback port, and Change Data
 * Capture over the Pub/Sub API (gRPC) on a port of its own ({@code pubSubEndpoint} in {@link #info()}). Start it with
 * {@link #start}; point
 * a client at {@code info().instanceUrl} with the client credentials and refresh token {@link #info()} gives.
 */
public final class SalesforceSandbox implements CrmSandbox {

    /** The CRM it plays. */
    public static final String CRM = "salesforce";

    public static final String API_VERSION = "64.0";

    private final SandboxOptions options;
    private final SandboxHttpServer server;
    private final ConnectedApp app;
    private final TokenRegistry tokens;
    private final ApiAllocation allocation;
    private final RecordStore store;
    private final PubSubServer pubSub;
    private volatile String accessToken;

    private SalesforceSandbox(SandboxOptions options, long dailyApiRequests) {
        this.options = options;
        SandboxClock clock = new SandboxClock();
        this.server = SandboxHttpServer.start("salesforce", options.port(), new SalesforceErrors(), clock,
                options.faults(), options.seed());
        String baseUrl = server.baseUri().toString();
        this.app = new ConnectedApp("3MVG9sandbox" + Long.toHexString(options.seed()) + ".PenguinMailsCrmSync",
                "SANDBOX" + Long.toUnsignedString(options.seed() * 7919 + 104729, 36).toUpperCase(),
                SalesforceIds.build("00D", "5g", 1), SalesforceIds.build(Schema.USER_PREFIX, "5g", 1),
                "integration@penguinmails-sandbox.example");
        this.tokens = new TokenRegistry(app, clock, options.tokenTtl(), options.seed());
        this.allocation = new ApiAllocation(dailyApiRequests, clock);
        ApiGate gate = new ApiGate(tokens, allocation, () -> server.stats().rateLimited());
        this.store = new RecordStore(new Schema(), clock, app.userId(), java.util.Set.of(salesRepUserId()));
        // any free port: the sandboxes' HTTP ports are consecutive (base, base + 1, ...); info names this one
        this.pubSub = new PubSubServer(0, store, tokens, clock,
                () -> server.baseUri().toString(), app.orgId());
        server.control("POST", "pubsub/events", pubSub::emit);
        Replication replication = new Replication(store, clock);
        SoqlCompiler compiler = new SoqlCompiler(store.schema(), clock);
        OAuthEndpoint oauth = new OAuthEndpoint(app, tokens, clock, baseUrl);
        QueryCursors cursors = new QueryCursors(clock);
        SoapEndpoint soap = new SoapEndpoint(store, replication, compiler, cursors, gate, clock, baseUrl);
        server.route("POST", "/services/oauth2/token", oauth::token)
                .route("GET", "/services/oauth2/authorize", oauth::authorize)
                .route("POST", "/services/Soap/u/{version}", soap::handle);
        BulkJobs bulkJobs = new BulkJobs();
        RestAccess access = new RestAccess(gate);
        routeRest(access, new LimitsResource(allocation, bulkJobs::limits),
                new ReplicationResource(store.schema(), replication), new IngestResource(store, bulkJobs, clock),
                new QueryResource(store, compiler, bulkJobs, clock));
        routeRecords(access, new RestQueryResource(store, compiler, cursors), new SObjectResource(store));
        server.onReset(() -> {
            tokens.reset();
            allocation.reset();
            soap.reset();
            bulkJobs.reset();
            pubSub.reset();
            seed();
        });
        server.extraStats(() -> Map.of("records", store.counts(), "apiRequestsUsed", allocation.used(),
                "apiRequestsLimit", allocation.limit()));
        server.onSpendDailyQuota(allocation::spend);
        seed();
    }

    private void routeRest(RestAccess access, LimitsResource limits, ReplicationResource replication,
                           IngestResource ingest, QueryResource query) {
        String data = "/services/data/{version}";
        String job = data + "/jobs/ingest/{jobId}";
        String queryJob = data + "/jobs/query/{jobId}";
        server.route("GET", "/services/data", versions -> SandboxResponse.json(200, List.of(Map.of(
                        "label", "Winter '26", "url", "/services/data/v" + API_VERSION, "version", API_VERSION))))
                .route("GET", data + "/limits", access.guarded(20, limits::get))
                .route("GET", data + "/sobjects/{object}/updated", access.guarded(29, replication::updated))
                .route("GET", data + "/sobjects/{object}/deleted", access.guarded(29, replication::deleted))
                .route("POST", data + "/jobs/ingest", access.guarded(41, ingest::create))
                .route("GET", data + "/jobs/ingest", access.guarded(41, ingest::list))
                .route("PUT", job + "/batches", access.guarded(41, ingest::upload))
                .route("PATCH", job, access.guarded(41, ingest::patch))
                .route("GET", job, access.guarded(41, ingest::get))
                .route("DELETE", job, access.guarded(41, ingest::delete))
                .route("GET", job + "/successfulResults", access.guarded(41, ingest::successfulResults))
                .route("GET", job + "/failedResults", access.guarded(41, ingest::failedResults))
                .route("GET", job + "/unprocessedrecords", access.guarded(41, ingest::unprocessedRecords))
                .route("POST", data + "/jobs/query", access.guarded(47, query::create))
                .route("GET", queryJob, access.guarded(47, query::get))
                .route("PATCH", queryJob, access.guarded(47, query::patch))
                .route("GET", queryJob + "/results", access.guarded(47, query::results));
    }

    private void routeRecords(RestAccess access, RestQueryResource query, SObjectResource sobjects) {
        String data = "/services/data/{version}";
        String record = data + "/sobjects/{object}/{id}";
        server.route("GET", data + "/query", access.guarded(20, query::query))
                .route("GET", data + "/query/{locator}", access.guarded(20, query::more))
                .route("GET", data + "/queryAll", access.guarded(29, query::queryAll))
                .route("GET", data + "/queryAll/{locator}", access.guarded(29, query::more))
                .route("POST", data + "/sobjects/{object}", access.guarded(20, sobjects::create))
                .route("GET", record, access.guarded(20, sobjects::get))
                .route("PATCH", record, access.guarded(20, sobjects::update))
                .route("DELETE", record, access.guarded(20, sobjects::delete));
    }

    /** Starts a sandbox; same seed and size give the same records and ids. */
    public static SalesforceSandbox start(SandboxOptions options) {
        return new SalesforceSandbox(options, dailyAllocation(options.plan()));
    }

    /** Starts a sandbox whose daily API allocation is {@code dailyApiRequests} instead of the plan's (tests). */
    static SalesforceSandbox start(SandboxOptions options, long dailyApiRequests) {
        return new SalesforceSandbox(options, dailyApiRequests);
    }

    /** The daily API request allocation per plan: FREE = Developer Edition, PRO = Enterprise, ENTERPRISE = Unlimited. */
    static long dailyAllocation(SandboxOptions.Plan plan) {
        return switch (plan) {
            case FREE -> 15_000;
            case PRO -> 100_000;
            case ENTERPRISE -> 1_000_000;
        };
    }

    private void seed() {
        SeedData.load(store, options.seed(), options.seedContacts(), server.clock().instant());
        accessToken = tokens.issueAccessToken();
    }

    /** What a client needs: URLs, OAuth client credentials, a refresh token and a ready access token. */
    /** A second user of the org, a sales rep who can own records (the integration user owns what the API creates). */
    public static String salesRepUserId() {
        return SalesforceIds.build(Schema.USER_PREFIX, "5g", 2);
    }

    @Override
    public String crm() {
        return CRM;
    }

    @Override
    public Map<String, Object> info() {
        String base = server.baseUri().toString();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("instanceUrl", base);
        info.put("loginUrl", base);
        info.put("tokenUrl", base + "/services/oauth2/token");
        info.put("authorizeUrl", base + "/services/oauth2/authorize");
        info.put("apiVersion", API_VERSION);
        info.put("soapEndpoint", base + "/services/Soap/u/" + API_VERSION);
        info.put("restBaseUrl", base + "/services/data/v" + API_VERSION);
        info.put("clientId", app.clientId());
        info.put("clientSecret", app.clientSecret());
        info.put("refreshToken", tokens.initialRefreshToken());
        info.put("accessToken", accessToken);
        info.put("accessTokenTtlSeconds", tokens.accessTtl().toSeconds());
        info.put("organizationId", app.orgId());
        info.put("userId", app.userId());
        info.put("salesRepUserId", salesRepUserId());
        info.put("username", app.username());
        info.put("plan", options.plan().name());
        info.put("dailyApiRequests", allocation.limit());
        info.put("pubSubPort", pubSub.port());
        info.put("pubSubEndpoint", pubSubEndpoint());
        info.put("changeEventTopics", pubSub.topics());
        return info;
    }

    @Override
    public SandboxHttpServer server() {
        return server;
    }

    /** Where its Pub/Sub API listens: {@code http://127.0.0.1:<port>} (plaintext gRPC). */
    public String pubSubEndpoint() {
        return "http://127.0.0.1:" + pubSub.port();
    }

    /** Its Pub/Sub API: change events, GAP events on demand. */
    public PubSubServer pubSub() {
        return pubSub;
    }

    @Override
    public void close() {
        pubSub.close();
        server.close();
    }

    /** Its organization, by OAuth (the connected app and the org's refresh token); API calls go to the instance. */
    @Override
    public SandboxTenantConnection tenantConnection() {
        return new SandboxTenantConnection(app.orgId(), Map.of("baseUrl", server.baseUri().toString(),
                "pubSubEndpoint", pubSubEndpoint()),
                new SandboxTenantConnection.OAuthRefresh(app.clientId(), app.clientSecret(),
                        tokens.initialRefreshToken()));
    }

    /** Registers the Salesforce sandbox with {@link com.penguinmails.crmsync.sandbox.CrmSandboxes}. */
    public static final class Factory extends CrmSandboxFactory {

        public Factory() {
            super(CRM, SalesforceSandbox::start);
        }
    }

    /**
     * Turns the connected app's refresh token rotation on (the default: each refresh answers a new refresh token and
     * the old one stops working) or off (Salesforce's default: the refresh answers none, the old one stays valid).
     */
    public void refreshTokenRotation(boolean on) {
        tokens.rotation(on);
    }
}
