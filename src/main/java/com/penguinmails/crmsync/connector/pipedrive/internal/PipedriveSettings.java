package com.penguinmails.crmsync.connector.pipedrive.internal;

import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.RateLimitSpec;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Pipedrive connection's settings ({@code crm_sync.connections.settings}), with their defaults:
 * <ul>
 *   <li>{@code baseUrl}: the company domain, e.g. {@code https://acme.pipedrive.com} (a sandbox's root URL in
 *       tests); an OAuth token's {@code api_domain} takes precedence;</li>
 *   <li>{@code auth}: {@code api_token} (the {@code x-api-token} header) or {@code oauth} ({@code Authorization:
 *       Bearer}); when unset, {@code oauth} if the credential carries an instance URL, else {@code api_token};</li>
 *   <li>{@code oauthBaseUrl}: where {@code /oauth/token} is served; default {@code https://oauth.pipedrive.com}, or
 *       {@code baseUrl} when that is not a {@code pipedrive.com} host (a sandbox);</li>
 *   <li>{@code dailyTokenBudget} (600,000: Advanced, 10 seats; raised to what the CRM reports when larger),
 *       {@code dailyShare} (0.8), {@code requestsPerSecond} (18 with an API token, 72 with OAuth: under the
 *       Advanced burst limits of 40 and 160 per 2 s), {@code searchesPer2Seconds} (5, under Pipedrive's 10),
 *       {@code writeConcurrency} (8 requests in flight), {@code readTimeoutSeconds} (60: how long a request waits
 *       for its answer);</li>
 *   <li>{@code externalIdField.persons|organizations|deals}: the custom field (by name) holding the PenguinMails
 *       id records are upserted by; default {@code PenguinMails Id}, {@code PenguinMails Company Id} and
 *       {@code PenguinMails Id};</li>
 *   <li>{@code activityType}: the activity type e-mails are logged as ({@code email}).</li>
 * </ul>
 */
public record PipedriveSettings(@Nullable String baseUrl, @Nullable String auth, String oauthBaseUrl,
                                long dailyTokenBudget, double dailyShare, int requestsPerSecond,
                                int searchesPer2Seconds, int writeConcurrency, String activityType,
                                ConnectionContext context) {

    public static final String DEFAULT_OAUTH_BASE = "https://oauth.pipedrive.com";

    public static PipedriveSettings of(ConnectionContext context) {
        String base = context.baseUrl().map(PipedriveSettings::apiRoot).orElse(null);
        String auth = context.setting("auth").map(a -> a.strip().toLowerCase(Locale.ROOT)).orElse(null);
        if (auth != null && !auth.equals("api_token") && !auth.equals("oauth")) {
            throw new IllegalArgumentException(context.name() + ": setting auth must be api_token or oauth, was "
                    + auth);
        }
        String oauthBase = context.setting("oauthBaseUrl").map(PipedriveSettings::apiRoot)
                .orElse(base != null && !isPipedriveHost(base) ? base : DEFAULT_OAUTH_BASE);
        boolean oauth = "oauth".equals(auth);
        return new PipedriveSettings(base, auth, oauthBase,
                number(context, "dailyTokenBudget", 600_000L),
                Double.parseDouble(context.setting("dailyShare").orElse("0.8")),
                (int) number(context, "requestsPerSecond", oauth ? 72 : 18),
                (int) number(context, "searchesPer2Seconds", 5),
                (int) number(context, "writeConcurrency", 8),
                context.setting("activityType").orElse("email"), context);
    }

    /** How long a request waits for Pipedrive's answer (setting {@code readTimeoutSeconds}, default 60). */
    public Duration readTimeout() {
        return Duration.ofSeconds(number(context, "readTimeoutSeconds", 60));
    }

    /** How the suite paces the connection: requests per second and a share of the daily token budget. */
    public RateLimitSpec rateLimits() {
        return new RateLimitSpec(requestsPerSecond, Duration.ofSeconds(1), dailyTokenBudget, dailyShare);
    }

    /** The custom field (by name) that holds the PenguinMails id of records of {@code entity}. */
    public String externalIdField(Entity entity) {
        String fallback = entity == Entity.ORGANIZATIONS ? "PenguinMails Company Id" : "PenguinMails Id";
        return context.setting("externalIdField." + entity.path()).orElse(fallback);
    }

    /** Whether calls carry a Bearer token: the {@code auth} setting, else whether the credential is OAuth's. */
    public boolean oauth(boolean credentialHasInstanceUrl) {
        return auth == null ? credentialHasInstanceUrl : auth.equals("oauth");
    }

    public String name() {
        return context.name();
    }

    public Optional<String> base() {
        return Optional.ofNullable(baseUrl);
    }

    /** {@code https://acme.pipedrive.com/api/v2/} and {@code https://acme.pipedrive.com} both give the latter. */
    static String apiRoot(String url) {
        String root = url.strip();
        while (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        for (String suffix : new String[] {"/api/v2", "/api/v1"}) {
            if (root.endsWith(suffix)) {
                root = root.substring(0, root.length() - suffix.length());
            }
        }
        return root;
    }

    private static boolean isPipedriveHost(String url) {
        String host = URI.create(url).getHost();
        return host != null && (host.equals("pipedrive.com") || host.endsWith(".pipedrive.com"));
    }

    private static long number(ConnectionContext context, String name, long fallback) {
        String raw = context.setting(name).orElse(null);
        if (raw == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.strip());
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(context.name() + ": setting " + name
                    + " must be a positive whole number, was " + raw);
        }
    }
}
