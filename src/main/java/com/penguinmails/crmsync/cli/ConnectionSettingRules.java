package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.InvalidRequestException;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The connection settings an operator may change ({@code connections set}), the CRMs each applies to, and what a value
 * must look like. A value that does not fit is refused with a message naming the key, before anything is stored.
 */
final class ConnectionSettingRules {

    /** One setting: its key (or key prefix, ending in '.'), where it applies, and the check that normalises values. */
    private record Rule(String key, Set<CrmKind> crms, String meaning, UnaryOperator<String> check) {
    }

    private static final Set<CrmKind> ALL = Set.of(CrmKind.values());

    private static final List<Rule> RULES = List.of(
            new Rule("baseUrl", ALL, "API base URL", ConnectionSettingRules::httpUrl),
            new Rule("createContactsInCrm", ALL, "contact-sync creates PenguinMails-only contacts in the CRM (true|false)",
                    ConnectionSettingRules::bool),
            new Rule("activityLogging", ALL, "engagement-sync: per-email (one activity per e-mail) or per-event",
                    v -> oneOf(v, "per-email", "per-event")),
            new Rule("followUpTasks", ALL, "engagement-sync: a reply makes an open follow-up task (true|false)",
                    ConnectionSettingRules::bool),
            new Rule("dailyShare", Set.of(CrmKind.SALESFORCE, CrmKind.PIPEDRIVE),
                    "share of the CRM's daily API quota the suite may spend (0 < x <= 1)", ConnectionSettingRules::share),
            new Rule("writeConcurrency", Set.of(CrmKind.HUBSPOT, CrmKind.PIPEDRIVE),
                    "API calls a write may have in flight (1..16; the rate limit still applies)",
                    v -> range(v, 1, 16)),
            new Rule("readTimeoutSeconds", ALL, "seconds a request waits for the CRM's answer (1..600)",
                    v -> range(v, 1, 600)),
            new Rule("requestsPerSecond", Set.of(CrmKind.HUBSPOT), "HubSpot requests per second the suite may make",
                    v -> range(v, 1, 190)),
            new Rule("searchIndexLag", Set.of(CrmKind.HUBSPOT), "HubSpot search indexing lag (ISO-8601, e.g. PT30S)",
                    ConnectionSettingRules::duration),
            new Rule("subscriptionId", Set.of(CrmKind.HUBSPOT), "the marketing-email subscription opt-outs go to",
                    ConnectionSettingRules::text),
            new Rule("idProperty.", Set.of(CrmKind.HUBSPOT), "unique property upserts go by, per object",
                    ConnectionSettingRules::text),
            new Rule("properties.", Set.of(CrmKind.HUBSPOT), "extra properties read, per object",
                    ConnectionSettingRules::text),
            new Rule("auth", Set.of(CrmKind.PIPEDRIVE), "api_token or oauth", v -> oneOf(v, "api_token", "oauth")),
            new Rule("oauthBaseUrl", Set.of(CrmKind.PIPEDRIVE), "OAuth API base URL", ConnectionSettingRules::httpUrl),
            new Rule("activityType", Set.of(CrmKind.PIPEDRIVE), "activity type e-mails are logged as (e.g. email)",
                    ConnectionSettingRules::text),
            new Rule("externalIdField.", Set.of(CrmKind.PIPEDRIVE), "custom field holding the PenguinMails id, "
                    + "per entity", ConnectionSettingRules::text));

    private ConnectionSettingRules() {
    }

    /** The value to store for {@code key} on a connection of {@code crm}; refuses unknown keys and bad values. */
    static String checked(CrmKind crm, String key, String value) {
        Rule rule = rule(key);
        if (!rule.crms().contains(crm)) {
            throw new InvalidRequestException("setting '" + key + "' does not apply to " + crm.id() + " connections");
        }
        try {
            return rule.check().apply(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("setting '" + key + "': " + e.getMessage() + " (" + rule.meaning() + ")");
        }
    }

    /** Refuses a key no rule knows, naming the keys there are. */
    static void requireKnown(String key) {
        rule(key);
    }

    private static Rule rule(String key) {
        return RULES.stream()
                .filter(r -> r.key().endsWith(".") ? key.startsWith(r.key()) && key.length() > r.key().length()
                        : r.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException("unknown setting '" + key + "'; known: "
                        + String.join(", ", RULES.stream().map(r -> r.key().endsWith(".") ? r.key() + "<object>"
                        : r.key()).toList())));
    }

    private static String bool(String value) {
        return oneOf(value, "true", "false");
    }

    private static String oneOf(String value, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of " + String.join(", ", allowed));
    }

    /** The URL without trailing slashes; refuses anything but an absolute http(s) URL. */
    static String httpUrl(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not an http(s) URL");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + value + "' is not an http(s) URL");
        }
        return value.replaceAll("/+$", "");
    }

    private static String share(String value) {
        double share;
        try {
            share = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number");
        }
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException(value + " is not in (0, 1]");
        }
        return value;
    }

    private static String range(String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(value + " is not in " + min + ".." + max);
        }
        return value;
    }

    private static String duration(String value) {
        try {
            if (Duration.parse(value).isNegative()) {
                throw new IllegalArgumentException("'" + value + "' is negative");
            }
            return value;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not an ISO-8601 duration");
        }
    }

    private static String text(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("it cannot be blank");
        }
        return value;
    }
}
