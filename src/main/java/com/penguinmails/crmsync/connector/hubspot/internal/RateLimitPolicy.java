package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.connector.support.CrmApiException;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * What a HubSpot 429 means, by the {@code policyName} of its body: {@code DAILY} is the account's daily quota, spent
 * until it resets ({@link CrmUnavailableException} with {@code QUOTA_EXHAUSTED}, not worth retrying); a rolling
 * window ({@code TEN_SECONDLY_ROLLING}, search's {@code SECONDLY}) is {@link CrmApiException.RateLimited} with a wait
 * of Retry-After when sent, else a tenth of {@code X-HubSpot-RateLimit-Interval-Milliseconds} (1 s for HubSpot's
 * ten-second window: requests leave a rolling window continuously, so the whole window need not pass).
 */
final class RateLimitPolicy {

    static final Duration DEFAULT_WAIT = Duration.ofSeconds(1);

    private RateLimitPolicy() {
    }

    static RuntimeException exception(String operation, JsonNode body, HttpHeaders headers) {
        String policy = body.path("policyName").asString("");
        if ("DAILY".equals(policy)) {
            return new CrmUnavailableException(CrmUnavailableException.Reason.QUOTA_EXHAUSTED, "HubSpot " + operation
                    + ": the account's daily API limit is reached; syncing resumes when HubSpot resets it");
        }
        return new CrmApiException.RateLimited("HubSpot " + operation + " was rate limited ("
                + (policy.isEmpty() ? "no policy named" : policy) + ")", wait(headers));
    }

    static Duration wait(HttpHeaders headers) {
        var retryAfter = headers.firstValue("Retry-After");
        if (retryAfter.isPresent()) {
            try {
                return Duration.ofSeconds(Math.max(1, Long.parseLong(retryAfter.get().trim())));
            } catch (NumberFormatException e) {
                return DEFAULT_WAIT;
            }
        }
        var interval = headers.firstValueAsLong("X-HubSpot-RateLimit-Interval-Milliseconds");
        if (interval.isPresent() && interval.getAsLong() > 0) {
            return Duration.ofMillis(Math.max(100, interval.getAsLong() / 10));
        }
        return DEFAULT_WAIT;
    }
}
