package com.penguinmails.crmsync.connector.support;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One webhook delivery as it reached the service, untouched: what a signature is computed over.
 *
 * @param method       the HTTP method ({@code POST})
 * @param url          the full URL the CRM called (scheme, host and path as the CRM saw them, and the query string)
 * @param headers      the request headers, one value each (names compared without case)
 * @param body         the raw body bytes
 * @param connectionId the connection the address names ({@link CrmWebhooks.Route#PER_CONNECTION}), else null
 * @param receivedAt   when the service received it
 */
public record WebhookDelivery(String method, URI url, Map<String, String> headers, byte[] body,
                              @Nullable Long connectionId, Instant receivedAt) {

    public WebhookDelivery {
        TreeMap<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseless.putAll(headers);
        headers = java.util.Collections.unmodifiableMap(caseless);
    }

    /** A header's value, whatever the case of its name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
