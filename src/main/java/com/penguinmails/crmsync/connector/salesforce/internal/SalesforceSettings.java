package com.penguinmails.crmsync.connector.salesforce.internal;

import com.penguinmails.crmsync.connector.support.ConnectionContext;
import java.time.Duration;
import java.util.function.Function;

/**
 * How one Salesforce connection is driven, from its settings (each optional): {@code bulkQueryThreshold} (changes
 * above which a window is read with a Bulk API 2.0 query job, default 10,000), {@code bulkIngestThreshold} (records
 * above which a write goes through a Bulk API 2.0 ingest job, default 2,000), {@code bulkPollMillis} (first pause
 * between looks at a bulk job, doubling to 30 s, default 1,000), {@code bulkMaxWaitMinutes} (default 30),
 * {@code concurrencyBackoffMillis} (pause after the concurrent-request limit, which has no Retry-After, default 1,000)
 * and {@code readTimeoutSeconds} (default 120).
 */
public record SalesforceSettings(int bulkQueryThreshold, int bulkIngestThreshold, Duration bulkPollInitial,
                                 Duration bulkMaxWait, Duration concurrencyBackoff, Duration readTimeout) {

    public static final String API_VERSION = "64.0";
    public static final String EXTERNAL_ID_FIELD = "PenguinMails_Id__c";
    /**
     * The client id every write of this suite names ({@code Sforce-Call-Options: client=...} on REST and Bulk API
     * calls, SOAP {@code CallOptions.client}): Change Data Capture then ends the event's {@code changeOrigin} with
     * {@code ;client=penguinmails-crm-sync}, and the change stream drops those events as echoes of our own writes.
     */
    public static final String CALL_OPTIONS_CLIENT = "penguinmails-crm-sync";

    public static SalesforceSettings defaults() {
        return new SalesforceSettings(10_000, 2_000, Duration.ofSeconds(1), Duration.ofMinutes(30),
                Duration.ofSeconds(1), Duration.ofSeconds(120));
    }

    /** The settings of {@code context}'s connection, defaults where unset. */
    public static SalesforceSettings of(ConnectionContext context) {
        SalesforceSettings d = defaults();
        return new SalesforceSettings(
                number(context, "bulkQueryThreshold", d.bulkQueryThreshold(), Integer::parseInt),
                number(context, "bulkIngestThreshold", d.bulkIngestThreshold(), Integer::parseInt),
                Duration.ofMillis(number(context, "bulkPollMillis", d.bulkPollInitial().toMillis(), Long::parseLong)),
                Duration.ofMinutes(number(context, "bulkMaxWaitMinutes", d.bulkMaxWait().toMinutes(),
                        Long::parseLong)),
                Duration.ofMillis(number(context, "concurrencyBackoffMillis", d.concurrencyBackoff().toMillis(),
                        Long::parseLong)),
                Duration.ofSeconds(number(context, "readTimeoutSeconds", d.readTimeout().toSeconds(),
                        Long::parseLong)));
    }

    private static <T> T number(ConnectionContext context, String name, T fallback, Function<String, T> parse) {
        String raw = context.setting(name).orElse(null);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return parse.apply(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(context.name() + ": setting " + name + " must be a whole number, was '"
                    + raw + "'");
        }
    }
}
