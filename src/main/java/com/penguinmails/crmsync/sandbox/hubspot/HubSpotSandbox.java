package com.penguinmails.crmsync.sandbox.hubspot;

import com.penguinmails.crmsync.sandbox.CrmSandbox;
import com.penguinmails.crmsync.sandbox.CrmSandboxFactory;
import com.penguinmails.crmsync.sandbox.SandboxTenantConnection;
import com.penguinmails.crmsync.sandbox.support.SandboxClock;
import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import com.penguinmails.crmsync.sandbox.support.UserEdits;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A local HubSpot account on a loopback port: OAuth v1 and a private-app token, CRM v3 objects, search, properties,
 * v4 associations and communication preferences, with HubSpot's limits and errors, seeded from
 * {@link SandboxOptions#seed()} and re-seeded on {@code POST /_sandbox/reset}. Point a HubSpot client's base path at
 * {@link #info()}'s {@code baseUrl} and authenticate with its {@code privateAppToken} or OAuth credentials. Changes
 * to contacts and companies are delivered as its app's webhooks to the target URL of
 * {@link HubSpotSettings#webhooks()} or {@link #deliverWebhooksTo}, signed with the OAuth app's client secret.
 */
public final class HubSpotSandbox implements CrmSandbox {

    /** The CRM it plays. */
    public static final String CRM = "hubspot";

    private static final long FIRST_ID = 1001;

    private final SandboxOptions options;
    private final HubSpotSettings settings;
    private final SandboxHttpServer server;
    private final Portal portal;
    private final TokenStore tokens;
    private final RateLimits limits;
    private final String subscriptionId;
    private final WebhookDeliverer webhooks;

    private HubSpotSandbox(SandboxOptions options, HubSpotSettings settings) {
        this.options = options;
        this.settings = settings;
        SandboxClock clock = new SandboxClock();
        this.server = SandboxHttpServer.start("hubspot", options.port(), new HubSpotErrors(), clock,
                options.faults(), options.seed());
        long hubId = 40_000_000L + Math.floorMod(options.seed(), 1_000_000L);
        this.subscriptionId = Long.toString(100_000_000L + Math.floorMod(options.seed() * 31, 900_000L));
        this.portal = new Portal(new WriteClock(clock), settings.searchIndexDelay());
        this.tokens = new TokenStore(clock, options.tokenTtl(), options.seed(), hubId);
        this.limits = new RateLimits(clock, options.plan(), settings.searchRequestsPerSecond());
        this.webhooks = new WebhookDeliverer(settings.webhooks(), new WebhookSigner(tokens.clientSecret()),
                server::faults, options.seed());
        portal.listen(new WebhookEvents(hubId, TokenStore.APP_ID, options.seed(), webhooks::accept));
        ApiGate gate = new ApiGate(tokens, limits, server.stats());
        ObjectWrites writes = new ObjectWrites(portal);
        ObjectJson json = new ObjectJson(portal);
        new OAuthHandler(tokens).register(server);
        // the account behind any token (private-app or OAuth), as clients check which portal they are connected to
        server.route("GET", "/account-info/v3/details", gate.standard(request -> SandboxResponse.json(200, Map.of(
                "portalId", hubId, "accountType", "STANDARD", "timeZone", "UTC", "companyCurrency", "USD",
                "utcOffset", "+00:00", "uiDomain", "app.hubspot.com", "dataHostingLocation", "na1"))));
        new BatchHandler(portal, writes, json).register(server, gate);
        new SearchHandler(portal, json).register(server, gate);
        new ContactsHandler(portal, json).register(server, gate);
        new PropertiesHandler(portal).register(server, gate);
        new AssociationsHandler(portal).register(server, gate);
        new SubscriptionsHandler(portal).register(server, gate);
        new ObjectsHandler(portal, writes, json).register(server, gate);
        server.onReset(this::reseed);
        server.extraStats(this::extraStats);
        server.onSpendDailyQuota(limits::spend);
        reseed();
    }

    /** Starts a sandbox with HubSpot's default search limit (5 per second) and no search indexing delay. */
    public static HubSpotSandbox start(SandboxOptions options) {
        return start(options, HubSpotSettings.defaults());
    }

    public static HubSpotSandbox start(SandboxOptions options, HubSpotSettings settings) {
        return new HubSpotSandbox(options, settings);
    }

    private void reseed() {
        limits.reset();
        portal.write(() -> {
            portal.clear(FIRST_ID);
            portal.catalog().reset(portal.clock().now(), List.of(subscriptionId));
            portal.subscriptions().reset(subscriptionId, portal.clock().now());
            SeedData.seed(portal, options.seed(), options.seedContacts(), portal.clock().now(), subscriptionId);
            return null;
        });
    }

    private Map<String, ?> extraStats() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("records", portal.counts());
        extra.put("apiUsage", limits.usage());
        extra.put("webhooks", webhooks.snapshot());
        return extra;
    }

    @Override
    public String crm() {
        return CRM;
    }

    /** What a client needs: base URL, account id, tokens and OAuth app credentials, plan and limits. */
    @Override
    public Map<String, Object> info() {
        String base = server.baseUri().toString();
        Map<String, Object> oauth = new LinkedHashMap<>();
        oauth.put("tokenUrl", base + "/oauth/v1/token");
        oauth.put("authorizeUrl", base + "/oauth/authorize");
        oauth.put("clientId", tokens.clientId());
        oauth.put("clientSecret", tokens.clientSecret());
        oauth.put("redirectUri", tokens.redirectUri());
        oauth.put("refreshToken", tokens.refreshToken());
        oauth.put("accessTokenTtlSeconds", tokens.ttlSeconds());
        oauth.put("scopes", TokenStore.SCOPES);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("crm", "hubspot");
        info.put("baseUrl", base);
        info.put("hubId", tokens.hubId());
        info.put("privateAppToken", tokens.privateAppToken());
        info.put("accessToken", tokens.privateAppToken());
        info.put("clientId", tokens.clientId());
        info.put("clientSecret", tokens.clientSecret());
        info.put("refreshToken", tokens.refreshToken());
        info.put("oauth", oauth);
        info.put("plan", options.plan().name());
        info.put("rateLimits", limits.usage());
        info.put("searchIndexDelayMs", settings.searchIndexDelay().toMillis());
        info.put("marketingSubscriptionId", subscriptionId);
        info.put("seed", options.seed());
        info.put("seedContacts", options.seedContacts());
        info.put("controlUrl", base + "/_sandbox/");
        info.put("webhooks", webhookInfo());
        return info;
    }

    /** The app whose webhooks the sandbox delivers: its id, signing secret (its OAuth client secret), target. */
    private Map<String, Object> webhookInfo() {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("appId", TokenStore.APP_ID);
        app.put("clientSecret", tokens.clientSecret());
        app.put("signatureVersion", "v3");
        URI target = webhooks.target();
        app.put("targetUrl", target == null ? null : target.toString());
        app.put("subscriptions", WebhookEvents.SUBSCRIPTIONS);
        return app;
    }

    /**
     * Delivers the app's webhooks for changes from now on to {@code targetUrl} (null: stops announcing them), as
     * setting the app's target URL in HubSpot does; {@code crm-sync sandbox --hubspot-webhook-url} calls it.
     */
    public void deliverWebhooksTo(@Nullable URI targetUrl) {
        webhooks.target(targetUrl);
    }

    /** The app delivers to {@code <serviceBaseUrl>/webhooks/hubspot}. */
    @Override
    public void deliverChangesTo(URI serviceBaseUrl) {
        deliverWebhooksTo(URI.create(serviceBaseUrl.toString().replaceAll("/+$", "") + "/webhooks/" + CRM));
    }

    /** Whether its app has a target URL. */
    @Override
    public boolean announcesChanges() {
        return webhooks.target() != null;
    }

    /** {@code PATCH /crm/v3/objects/contacts/{id}} with the private app's token (announced as a change of it). */
    @Override
    public void editPersonAsUser(String crmId, String field, String value) {
        UserEdits.send("PATCH", URI.create(server.baseUri() + "/crm/v3/objects/contacts/" + crmId),
                Map.of("Authorization", "Bearer " + tokens.privateAppToken()), Map.of("properties", Map.of(field, value)));
    }

    /**
     * Restores an archived (deleted, not merged) contact or company, as a user does from HubSpot's recycle bin (there
     * is no public API for it): it is live again, with its values, and a {@code restore} event is announced.
     *
     * @param objectType {@code contacts} or {@code companies} (or HubSpot's other names of them)
     * @throws IllegalArgumentException when there is no such archived record, or its email is now another contact's
     */
    public void restore(String objectType, String id) {
        ObjectType type = ObjectType.fromPath(objectType)
                .orElseThrow(() -> new IllegalArgumentException("no object type " + objectType));
        try {
            ChangeOrigin.USER_INTERFACE.during(() -> portal.write(() -> {
                StoredObject archived = ObjectStore.parseId(id).flatMap(portal.store(type)::any)
                        .filter(o -> o.archived() && o.mergedInto() == null)
                        .orElseThrow(() -> new IllegalArgumentException("no deleted " + type.path() + " " + id));
                String email = archived.property("email");
                if (type == ObjectType.CONTACTS && email != null
                        && portal.store(type).contactWithEmail(email) != null) {
                    throw new IllegalArgumentException(type.path() + " " + id + " cannot be restored: its email is "
                            + "another contact's now");
                }
                portal.save(archived.restoredAt(portal.clock().next()));
                return null;
            }));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the webhook deliveries, then the server. */
    @Override
    public void close() {
        webhooks.close();
        server.close();
    }

    @Override
    public SandboxHttpServer server() {
        return server;
    }

    /**
     * Its portal, by the private app token; the connector's search lag is the sandbox's search indexing delay (none
     * by default), so tests need not wait for HubSpot's usual 30 seconds.
     */
    @Override
    public SandboxTenantConnection tenantConnection() {
        return new SandboxTenantConnection(Long.toString(tokens.hubId()), Map.of("baseUrl",
                server.baseUri().toString(), "searchIndexLag", settings.searchIndexDelay().toString()),
                new SandboxTenantConnection.ApiToken(tokens.privateAppToken()));
    }

    /** Registers the HubSpot sandbox with {@link com.penguinmails.crmsync.sandbox.CrmSandboxes}. */
    public static final class Factory extends CrmSandboxFactory {

        public Factory() {
            super(CRM, HubSpotSandbox::start);
        }
    }
}
