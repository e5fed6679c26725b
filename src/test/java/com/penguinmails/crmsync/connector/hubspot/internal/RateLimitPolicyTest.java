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
    void the_ten_second_window_pauses_the_connection_for_one_requests_share_of_the_window() {
        // when
        RuntimeException e = RateLimitPolicy.exception("contacts batch upsert", body("TEN_SECONDLY_ROLLING"),
                headers(Map.of("X-HubSpot-RateLimit-Interval-Milliseconds", List.of("10000"),
                        "X-HubSpot-RateLimit-Max", List.of("190"))));

        // then: 10 s / 190 requests, for every call of the connection
        assertThat(e).isInstanceOf(CrmApiException.RateLimited.class);
        CrmApiException.RateLimited limited = (CrmApiException.RateLimited) e;
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofMillis(52));
        assertThat(limited.scope()).isEqualTo(CrmApiException.RateLimited.Scope.CONNECTION);
    }

    @Test
    void without_rate_limit_headers_the_ten_second_window_waits_a_tenth_of_a_second() {
        RuntimeException e = RateLimitPolicy.exception("contacts batch upsert", body("TEN_SECONDLY_ROLLING"),
                headers(Map.of()));

        assertThat(((CrmApiException.RateLimited) e).retryAfter()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void the_search_limit_holds_only_the_refused_search() {
        RuntimeException e = RateLimitPolicy.exception("search", body("SECONDLY"), headers(Map.of()));

        assertThat(((CrmApiException.RateLimited) e).scope()).isEqualTo(CrmApiException.RateLimited.Scope.CALL);
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
