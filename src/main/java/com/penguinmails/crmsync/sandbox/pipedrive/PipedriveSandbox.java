package com.penguinmails.crmsync.sandbox.pipedrive;

import com.penguinmails.crmsync.sandbox.CrmSandbox;
import com.penguinmails.crmsync.sandbox.CrmSandboxFactory;
import com.penguinmails.crmsync.sandbox.SandboxTenantConnection;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.AccountData;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.ApiGateway;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.Authenticator;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.EntityHandlers;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.EntityType;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.FieldCatalog;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.FieldsHandlers;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.MergeHandler;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.OAuthGrants;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.OAuthHandlers;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.PipedriveErrors;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.PlanLimits;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.RateLimits;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.SearchHandler;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.Seeder;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.TokenCost;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.UsersHandler;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.Webhook;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.WebhookDeliverer;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.WebhookHandlers;
import com.penguinmails.crmsync.sandbox.pipedrive.internal.WebhookRegistry;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import com.penguinmails.crmsync.sandbox.support.UserEdits;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import com.penguinmails.crmsync.sandbox.support.SandboxClock;
import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A local Pipedrive company on a loopback port: API v2 {@code persons}, {@code organizations}, {@code deals} and
 * {@code activities} (list with cursor paging and filters, get, add, update, soft delete), search, field metadata,
 * the v1 person merge and {@code users/me}; API-token and OAuth (authorization code and refresh) authentication;
 * token-budget and burst rate limits for the configured plan; seeded deterministically from the options. Webhooks
 * ({@code /api/v1/webhooks}) deliver v2 payloads of person and organization changes with Basic auth, retried, banned
 * and deleted as Pipedrive does (see {@code WebhookDeliverer}); {@code POST /_sandbox/webhooks} deletes one "as
 * Pipedrive" or scales the retry delays.
 */
public final class PipedriveSandbox implements CrmSandbox {

    /** The CRM it plays. */
    public static final String CRM = "pipedrive";

    /** The company domain {@code users/me} answers: the account a connection to the sandbox opens. */
    private static final String COMPANY_DOMAIN = "penguinmails-sandbox";
    private static final String REDIRECT_URI = "http://127.0.0.1/pipedrive/callback";

    private final SandboxOptions options;
    private final SandboxHttpServer server;
    private final AccountData data;
    private final RateLimits limits;
    private final OAuthGrants grants;
    private final String apiToken;
    private final String clientId;
    private final String clientSecret;
    private final WebhookRegistry webhooks = new WebhookRegistry();
    private final WebhookDeliverer deliverer;

    private PipedriveSandbox(SandboxOptions options, SandboxHttpServer server, AccountData data, RateLimits limits,
                             OAuthGrants grants, String apiToken, String clientId, String clientSecret) {
        this.deliverer = new WebhookDeliverer(webhooks, data.catalog(), server.clock(), server::faults,
                options.seed(), COMPANY_DOMAIN + ".pipedrive.com");
        this.options = options;
        this.server = server;
        this.data = data;
        this.limits = limits;
        this.grants = grants;
        this.apiToken = apiToken;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Starts the sandbox on {@code options.port()} (0 picks a free port) and seeds it. */
    public static PipedriveSandbox start(SandboxOptions options) {
        SandboxClock clock = new SandboxClock();
        SandboxHttpServer server = SandboxHttpServer.start("pipedrive", options.port(), new PipedriveErrors(), clock,
                options.faults(), options.seed());
        try {
            AccountData data = new AccountData(clock, options.seed());
            RateLimits limits = new RateLimits(PlanLimits.of(options.plan()), clock);
            OAuthGrants grants = new OAuthGrants();
            String apiToken = hash("api-token", options.seed());
            String clientId = hash("client-id", options.seed()).substring(0, 16);
            String clientSecret = hash("client-secret", options.seed());
            PipedriveSandbox sandbox = new PipedriveSandbox(options, server, data, limits, grants, apiToken, clientId,
                    clientSecret);
            sandbox.routes(new Authenticator(apiToken, grants, clock));
            data.onChange(sandbox.deliverer);
            server.onReset(sandbox::resetWebhooks);
            server.control("POST webhooks", sandbox::webhookControl);
            Seeder seeder = new Seeder(data);
            seeder.seed(options.seed(), options.seedContacts());
            server.onReset(() -> {
                limits.reset();
                seeder.seed(options.seed(), options.seedContacts());
            });
            server.extraStats(sandbox::extraStats);
            server.onSpendDailyQuota(limits::spend);
            return sandbox;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void routes(Authenticator authenticator) {
        ApiGateway gateway = new ApiGateway(authenticator, limits, server.stats());
        String base = server.baseUri().toString();
        OAuthHandlers oauth = new OAuthHandlers(clientId, clientSecret, REDIRECT_URI, grants, server.clock(),
                options.tokenTtl(), base);
        server.route("POST", "/oauth/token", oauth::token);
        server.route("GET", "/oauth/authorize", oauth::authorize);
        for (EntityType type : EntityType.values()) {
            String path = "/api/v2/" + type.path();
            EntityHandlers handlers = new EntityHandlers(type, data);
            if (type != EntityType.ACTIVITY) {
                server.route("GET", path + "/search",
                        gateway.guard(TokenCost.V2_SEARCH, new SearchHandler(type, data)::search));
            }
            server.route("GET", path, gateway.guard(TokenCost.V2_LIST, handlers::list));
            server.route("GET", path + "/{id}", gateway.guard(TokenCost.V2_GET, handlers::get));
            server.route("POST", path, gateway.guard(TokenCost.V2_WRITE, handlers::add));
            server.route("PATCH", path + "/{id}", gateway.guard(TokenCost.V2_WRITE, handlers::update));
            server.route("DELETE", path + "/{id}", gateway.guard(TokenCost.V2_DELETE, handlers::delete));
            FieldsHandlers fields = new FieldsHandlers(type, data);
            server.route("GET", "/api/v2/" + type.fieldsPath(), gateway.guard(TokenCost.V2_LIST, fields::listV2));
            server.route("GET", "/api/v2/" + type.fieldsPath() + "/{field_code}",
                    gateway.guard(TokenCost.V2_GET, fields::getV2));
            server.route("GET", "/api/v1/" + type.fieldsPath(), gateway.guard(TokenCost.V1_LIST, fields::listV1));
        }
        server.route("PUT", "/api/v1/persons/{id}/merge",
                gateway.guard(TokenCost.V1_WRITE, new MergeHandler(data)::merge));
        server.route("GET", "/api/v1/users/me",
                gateway.guard(TokenCost.V1_GET, new UsersHandler(COMPANY_DOMAIN)::me));
        WebhookHandlers hooks = new WebhookHandlers(webhooks, data, server.clock());
        server.route("POST", "/api/v1/webhooks", gateway.guard(TokenCost.V1_WRITE, hooks::add));
        server.route("GET", "/api/v1/webhooks", gateway.guard(TokenCost.V1_LIST, hooks::list));
        server.route("DELETE", "/api/v1/webhooks/{id}", gateway.guard(TokenCost.V1_DELETE, hooks::delete));
    }

    /**
     * Deletes a webhook as Pipedrive does after three days of failed deliveries (or a user in the web app): its owner
     * is not told; whether there was one.
     */
    public boolean deleteWebhookAsPipedrive(long webhookId) {
        return webhooks.delete(webhookId);
    }

    /** The ids of the company's webhooks. */
    public java.util.List<Long> webhookIds() {
        return webhooks.live().stream().map(Webhook::id).toList();
    }

    /**
     * Scales the webhook retry delays (Pipedrive's 3, 30 and 150 s) by {@code scale} in (0, 1], so a test sees all
     * retries in seconds.
     */
    public void webhookRetryScale(double scale) {
        deliverer.retryScale(scale);
    }

    /** Webhook delivery counts: attempts, delivered, failed attempts, events lost while banned. */
    public Map<String, Long> webhookStats() {
        return deliverer.stats();
    }

    /**
     * {@code POST /_sandbox/webhooks}: {@code {"delete": id}} deletes a webhook as Pipedrive would,
     * {@code {"retryScale": 0.01}} scales the retry delays; answers the webhook stats.
     */
    private SandboxResponse webhookControl(@Nullable JsonNode body) {
        if (body != null && body.has("retryScale")) {
            try {
                deliverer.retryScale(body.get("retryScale").asDouble());
            } catch (IllegalArgumentException e) {
                return SandboxResponse.json(400, Map.of("error", e.getMessage()));
            }
        }
        if (body != null && body.has("delete") && !webhooks.delete(body.get("delete").asLong())) {
            return SandboxResponse.json(404, Map.of("error", "no webhook " + body.get("delete").asLong()));
        }
        return SandboxResponse.json(200, deliverer.stats());
    }

    private void resetWebhooks() {
        webhooks.clear();
        deliverer.resetStats();
    }

    @Override
    public String crm() {
        return CRM;
    }

    /**
     * What a client needs: base URLs, the API token, the OAuth app (client id and secret, redirect URI, token and
     * authorize URLs, a fresh authorization code), the plan's limits and the keys of the seeded custom fields.
     */
    @Override
    public Map<String, Object> info() {
        String base = server.baseUri().toString();
        Map<String, Object> oauth = new LinkedHashMap<>();
        oauth.put("tokenUrl", base + "/oauth/token");
        oauth.put("authorizeUrl", base + "/oauth/authorize");
        oauth.put("clientId", clientId);
        oauth.put("clientSecret", clientSecret);
        oauth.put("redirectUri", REDIRECT_URI);
        oauth.put("authorizationCode", issueAuthorizationCode());
        oauth.put("accessTokenTtlSeconds", options.tokenTtl().toSeconds());
        FieldCatalog catalog = data.catalog();
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("personLeadScore", catalog.keyOf(EntityType.PERSON, FieldCatalog.LEAD_SCORE));
        custom.put("personPenguinMailsId", catalog.keyOf(EntityType.PERSON, FieldCatalog.PENGUINMAILS_ID));
        custom.put("personLastEngaged", catalog.keyOf(EntityType.PERSON, FieldCatalog.LAST_ENGAGED));
        custom.put("personConsent", catalog.keyOf(EntityType.PERSON, FieldCatalog.CONSENT));
        custom.put("organizationPenguinMailsId", catalog.keyOf(EntityType.ORGANIZATION, FieldCatalog.COMPANY_ID));
        custom.put("organizationEmployees", catalog.keyOf(EntityType.ORGANIZATION, FieldCatalog.EMPLOYEES));
        custom.put("dealCampaign", catalog.keyOf(EntityType.DEAL, FieldCatalog.CAMPAIGN));
        PlanLimits plan = PlanLimits.of(options.plan());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("crm", "pipedrive");
        info.put("apiDomain", base);
        info.put("baseUrl", base + "/api/v2");
        info.put("apiV2Url", base + "/api/v2");
        info.put("apiV1Url", base + "/api/v1");
        info.put("apiToken", apiToken);
        info.put("clientId", clientId);
        info.put("clientSecret", clientSecret);
        info.put("refreshToken", issueRefreshToken());
        info.put("oauth", oauth);
        info.put("plan", options.plan().name() + " (Pipedrive " + plan.planName() + ", " + plan.seats() + " seats)");
        info.put("dailyTokenBudget", plan.dailyTokenBudget());
        info.put("burstPer2Seconds", Map.of("apiToken", plan.apiTokenBurst(), "oauth", plan.oauthBurst(),
                "search", plan.searchBurst()));
        info.put("customFields", custom);
        info.put("seedContacts", options.seedContacts());
        info.put("controlUrl", base + "/_sandbox/");
        return info;
    }

    /**
     * A refresh token of the app, as if a user had just authorised it (redeemed from a fresh authorization code): what
     * {@code connections add --refresh-token} takes.
     */
    public String issueRefreshToken() {
        return grants.redeemCode(issueAuthorizationCode(), REDIRECT_URI, server.clock().instant())
                .orElseThrow(() -> new IllegalStateException("a fresh authorization code was refused"));
    }

    /** A new single-use OAuth authorization code for the app's redirect URI (valid 5 minutes). */
    public String issueAuthorizationCode() {
        return grants.issueCode(REDIRECT_URI, server.clock().instant());
    }

    /**
     * Takes {@code tokens} from today's shared budget, as the company's other users, apps and UI actions do on a real
     * account: lets a test bring the budget near exhaustion without thousands of calls.
     */
    public void spendDailyTokens(long tokens) {
        limits.spend(tokens);
    }

    /** Whether it has a webhook (registered, not deleted). */
    @Override
    public boolean announcesChanges() {
        return !webhookIds().isEmpty();
    }

    /**
     * {@code PATCH /api/v2/persons/{id}} with the API token; a first or last name as the person's {@code name}
     * ({@code first_name} and {@code last_name} are derived from it), the other name read first and kept.
     */
    @Override
    public void editPersonAsUser(String crmId, String field, String value) {
        URI person = URI.create(server.baseUri() + "/api/v2/persons/" + crmId);
        Map<String, String> auth = Map.of("x-api-token", apiToken);
        Map<String, String> body = Map.of(field, value);
        if (field.equals("first_name") || field.equals("last_name")) {
            JsonNode now = UserEdits.read(person, auth).path("data");
            String first = field.equals("first_name") ? value : now.path("first_name").asString("");
            String last = field.equals("last_name") ? value : now.path("last_name").asString("");
            body = Map.of("name", (first + " " + last).strip());
        }
        UserEdits.send("PATCH", person, auth, body);
    }

    public String apiToken() {
        return apiToken;
    }

    @Override
    public SandboxHttpServer server() {
        return server;
    }

    /** Stops the webhook deliveries, then the server. */
    @Override
    public void close() {
        deliverer.close();
        server.close();
    }

    /** Its company, by the API token; API calls to its API domain. */
    @Override
    public SandboxTenantConnection tenantConnection() {
        return new SandboxTenantConnection(COMPANY_DOMAIN, Map.of("baseUrl", server.baseUri().toString(),
                "auth", "api_token"), new SandboxTenantConnection.ApiToken(apiToken));
    }

    /** Registers the Pipedrive sandbox with {@link com.penguinmails.crmsync.sandbox.CrmSandboxes}. */
    public static final class Factory extends CrmSandboxFactory {

        public Factory() {
            super(CRM, PipedriveSandbox::start);
        }
    }

    private Map<String, ?> extraStats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("records", data.counts());
        stats.put("apiBudget", limits.stats());
        stats.put("webhookDeliveries", deliverer.stats());
        return stats;
    }

    private static String hash(String purpose, long seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest(("pipedrive-sandbox/" + purpose + "/" + seed).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
