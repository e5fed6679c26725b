package com.penguinmails.crmsync.connector.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.support.CrmApiException;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class RateLimitPolicyTest {

    static ObjectNode body(String policy) {
        ObjectNode body = HubSpotApi.object();
        body.put("status", "error");
        body.put("errorType", "RATE_LIMIT");
        body.put("policyName", policy);
        return body;
    }

    static HttpHeaders headers(Map<String, List<String>> values) {
        return HttpHeaders.of(values, (a, b) -> true);
    }

    @Test
    void the_ten_second_window_waits_a_tenth_of_its_interval() {
        // when
        RuntimeException e = RateLimitPolicy.exception("contacts batch upsert", body("TEN_SECONDLY_ROLLING"),
                headers(Map.of("X-HubSpot-RateLimit-Interval-Milliseconds", List.of("10000"))));

        // then
        assertThat(e).isInstanceOf(CrmApiException.RateLimited.class);
        assertThat(((CrmApiException.RateLimited) e).retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retry_after_wins_when_hubspot_sends_it() {
        RuntimeException e = RateLimitPolicy.exception("search", body("SECONDLY"),
                headers(Map.of("Retry-After", List.of("3"))));

        assertThat(((CrmApiException.RateLimited) e).retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void the_daily_limit_makes_the_connection_unavailable_until_it_resets() {
        RuntimeException e = RateLimitPolicy.exception("search", body("DAILY"), headers(Map.of()));

        assertThat(e).isInstanceOf(CrmUnavailableException.class);
        assertThat(((CrmUnavailableException) e).reason()).isEqualTo(CrmUnavailableException.Reason.QUOTA_EXHAUSTED);
    }
}
