package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.core.ObjectType;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The connection settings the HubSpot connector reads, with their defaults:
 * <ul>
 * <li>{@code baseUrl}: {@code https://api.hubapi.com} (a sandbox or proxy otherwise);</li>
 * <li>{@code requestsPerSecond}: the connection's pace, default 18 (HubSpot: 190 per 10 s for private apps);</li>
 * <li>{@code dailyShare}: share of the account's daily quota this suite may spend, default 0.5;</li>
 * <li>{@code searchRequestsPerSecond}: pace of the search endpoints, limited apart (HubSpot: about 5/s), default 4;</li>
 * <li>{@code searchIndexLag}: how far behind writes search may be (ISO-8601 duration), default {@code PT30S}; the
 *     change feed reads only up to now minus this lag, so a late-indexed record is never passed over;</li>
 * <li>{@code idProperty.contact|company|deal}: the unique property records without a CRM id are upserted by
 *     (contacts default to {@code email}; companies and deals default to none: they are created);</li>
 * <li>{@code properties.contact|company|deal}: comma-separated properties the change feed reads (default: all);</li>
 * <li>{@code subscriptionId}: the subscription an opt-out unsubscribes from (default: the marketing one);</li>
 * <li>{@code readTimeoutSeconds}: how long a request waits for HubSpot's answer, default 30.</li>
 * </ul>
 */
public record HubSpotOptions(URI baseUrl, int requestsPerSecond, double dailyShare, int searchRequestsPerSecond, Duration searchIndexLag,
                             ConnectionContext context) {

    public static final String DEFAULT_BASE_URL = "https://api.hubapi.com";

    /**
     * @throws IllegalArgumentException naming the setting whose value is not valid
     */
    public static HubSpotOptions of(ConnectionContext context) {
        String base = context.baseUrl().orElse(DEFAULT_BASE_URL).replaceAll("/+$", "");
        double share = number(context, "dailyShare", "0.5");
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("setting dailyShare must be in (0, 1], was " + share);
        }
        int rate = (int) number(context, "requestsPerSecond", "18");
        if (rate < 1) {
            throw new IllegalArgumentException("setting requestsPerSecond must be at least 1");
        }
        int searchRate = (int) number(context, "searchRequestsPerSecond", "4");
        if (searchRate < 1) {
            throw new IllegalArgumentException("setting searchRequestsPerSecond must be at least 1");
        }
        Duration lag;
        try {
            lag = Duration.parse(context.setting("searchIndexLag").orElse("PT30S"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("setting searchIndexLag must be an ISO-8601 duration such as PT30S");
        }
        return new HubSpotOptions(URI.create(base), rate, share, searchRate, lag.isNegative() ? Duration.ZERO : lag,
                context);
    }

    /** Batch calls a write may have in flight at once (setting {@code writeConcurrency}, default 4; at least 1). */
    public int writeConcurrency() {
        return Math.max(1, (int) number(context, "writeConcurrency", "4"));
    }

    /** How long a request waits for HubSpot's answer (setting {@code readTimeoutSeconds}, default 30; at least 1). */
    public Duration readTimeout() {
        return Duration.ofSeconds(Math.max(1, (long) number(context, "readTimeoutSeconds", "30")));
    }

    /** The unique property records of {@code type} without a CRM id are upserted by, if any. */
    public Optional<String> idProperty(ObjectType type) {
        Optional<String> configured = context.setting("idProperty." + key(type)).map(String::trim)
                .filter(s -> !s.isEmpty());
        if (configured.isPresent()) {
            return configured.filter(s -> !s.equalsIgnoreCase("none"));
        }
        return type == ObjectType.CONTACT ? Optional.of("email") : Optional.empty();
    }

    /** The properties the change feed reads for {@code type}, when configured (else every property). */
    public Optional<List<String>> properties(ObjectType type) {
        return context.setting("properties." + key(type))
                .map(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    public Optional<String> subscriptionId() {
        return context.setting("subscriptionId").filter(s -> !s.isBlank());
    }

    private static String key(ObjectType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static double number(ConnectionContext context, String name, String fallback) {
        String value = context.setting(name).orElse(fallback);
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + name + " must be a number, was '" + value + "'");
        }
    }
}
