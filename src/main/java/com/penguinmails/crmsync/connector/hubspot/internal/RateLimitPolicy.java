package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.connector.support.CrmApiException;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * What a HubSpot 429 means, by the {@code policyName} of its body: {@code DAILY} is the account's daily quota, spent
 * until it resets ({@link CrmUnavailableException} with {@code QUOTA_EXHAUSTED}, not worth retrying); the ten-second
 * rolling window ({@code TEN_SECONDLY_ROLLING}) is the account's or app's, shared by every call of the connection:
 * {@link CrmApiException.RateLimited} pausing the connection; search's {@code SECONDLY} limit holds searches only,
 * so only the refused call waits. The wait is Retry-After when sent, else the time one request takes to leave the
 * rolling window ({@code X-HubSpot-RateLimit-Interval-Milliseconds} / {@code X-HubSpot-RateLimit-Max}: about 53 ms
 * for 190 per 10 s; 100 ms when HubSpot sends neither): requests leave a rolling window continuously, so the whole
 * window never need pass. A success whose {@code X-HubSpot-RateLimit-Remaining} is 0 pauses the connection as long.
 */
final class RateLimitPolicy {

    /** One request's share of HubSpot's smallest window (100 per 10 s), when the headers do not say. */
    static final Duration DEFAULT_WAIT = Duration.ofMillis(100);

    private RateLimitPolicy() {
    }

    static RuntimeException exception(String operation, JsonNode body, HttpHeaders headers) {
        String policy = body.path("policyName").asString("");
        if ("DAILY".equals(policy)) {
            return new CrmUnavailableException(CrmUnavailableException.Reason.QUOTA_EXHAUSTED, "HubSpot " + operation
                    + ": the account's daily API limit is reached; syncing resumes when HubSpot resets it");
        }
        boolean searchOnly = "SECONDLY".equals(policy);
        return new CrmApiException.RateLimited("HubSpot " + operation + " was rate limited ("
                + (policy.isEmpty() ? "no policy named" : policy) + ")",
                searchOnly ? retryAfter(headers).orElse(Duration.ofSeconds(1)) : wait(headers),
                searchOnly ? CrmApiException.RateLimited.Scope.CALL : CrmApiException.RateLimited.Scope.CONNECTION);
    }

    /** How long the connection waits for a slot of the rolling window: Retry-After, else one request's share. */
    static Duration wait(HttpHeaders headers) {
        return retryAfter(headers).orElseGet(() -> slot(headers));
    }

    /** The time one request takes to leave the rolling window. */
    static Duration slot(HttpHeaders headers) {
        var interval = headers.firstValueAsLong("X-HubSpot-RateLimit-Interval-Milliseconds");
        var max = headers.firstValueAsLong("X-HubSpot-RateLimit-Max");
        if (interval.isPresent() && max.isPresent() && interval.getAsLong() > 0 && max.getAsLong() > 0) {
            return Duration.ofMillis(Math.max(10, interval.getAsLong() / max.getAsLong()));
        }
        return DEFAULT_WAIT;
    }

    private static java.util.Optional<Duration> retryAfter(HttpHeaders headers) {
        try {
            return headers.firstValue("Retry-After").map(v -> Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
