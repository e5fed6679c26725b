package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.connector.support.ApiExecutor;
import com.penguinmails.crmsync.connector.support.CrmApiException;
import com.penguinmails.crmsync.connector.support.NetworkFailures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Sends one JSON request to HubSpot through the connection's {@link ApiExecutor} (pacing, token, refresh, retries)
 * and sorts the answer: 401 is {@link CrmApiException.Unauthorized}, 429 is {@link RateLimitPolicy}'s verdict, 5xx and
 * I/O failures are {@link CrmApiException.Transient}; 2xx and the other 4xx come back as a {@link Reply} for the
 * endpoint to read. Every response's daily-quota and rolling-window headers are reported to the governor. Messages carry the operation,
 * status and HubSpot's error category, never a token or HubSpot's message text (which may quote personal data).
 */
public final class HubSpotHttp {

    /** An answer HubSpot gave: status and JSON body (a missing node when empty). */
    public record Reply(int status, JsonNode body) {

        public boolean success() {
            return status >= 200 && status < 300;
        }

        /** HubSpot's error category ({@code VALIDATION_ERROR}, {@code OBJECT_NOT_FOUND} ...), or the status. */
        public String category() {
            String category = body.path("category").asString("");
            return category.isEmpty() ? "HTTP_" + status : category;
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final URI baseUrl;
    private final ApiExecutor executor;
    private final Duration timeout;

    private volatile @Nullable Instant lastServerDate;

    public HubSpotHttp(HttpClient client, URI baseUrl, ApiExecutor executor, Duration timeout) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.executor = executor;
        this.timeout = timeout;
    }

    public ApiExecutor executor() {
        return executor;
    }

    public Reply get(String operation, String pathAndQuery) {
        return send(operation, "GET", pathAndQuery, null, null);
    }

    public Reply post(String operation, String path, JsonNode body) {
        return send(operation, "POST", path, body, null);
    }

    /** A search request: paced by {@code pacer} (HubSpot limits search apart) on every attempt, retries included. */
    public Reply search(String operation, String path, JsonNode body, SearchPacer pacer) {
        return send(operation, "POST", path, body, pacer);
    }

    private Reply send(String operation, String method, String pathAndQuery, @Nullable JsonNode body,
                       @Nullable SearchPacer pacer) {
        String payload = body == null ? null : JSON.writeValueAsString(body);
        return executor.execute(operation, 1, token -> {
            if (pacer != null) {
                pacer.acquire();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                    .timeout(timeout)
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
            if (payload == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(payload));
            }
            return interpret(operation, exchange(operation, request.build()));
        });
    }

    private HttpResponse<String> exchange(String operation, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CrmApiException.Transient("HubSpot " + operation + " failed: "
                    + NetworkFailures.describe(e, request.uri()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmApiException("HubSpot " + operation + " was interrupted", e);
        }
    }

    /** The CRM's time as its latest response's {@code Date} header stated it; null before any response. */
    public @Nullable Instant lastServerDate() {
        return lastServerDate;
    }

    private Reply interpret(String operation, HttpResponse<String> response) {
        observeQuota(response);
        Instant date = com.penguinmails.crmsync.connector.support.ServerDate.of(response.headers());
        if (date != null) {
            lastServerDate = date;
        }
        int status = response.statusCode();
        if (status >= 500) {
            throw new CrmApiException.Transient("HubSpot " + operation + " answered HTTP " + status);
        }
        Reply reply = new Reply(status, parse(operation, response.body(), status));
        if (status == 401) {
            throw new CrmApiException.Unauthorized("HubSpot " + operation + " refused the access token ("
                    + reply.category() + ")");
        }
        if (status == 429) {
            throw RateLimitPolicy.exception(operation, reply.body(), response.headers());
        }
        return reply;
    }

    private static JsonNode parse(String operation, @Nullable String text, int status) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            if (status >= 200 && status < 300) {
                throw new CrmApiException.Transient("HubSpot " + operation + " answered HTTP " + status
                        + " with a malformed body");
            }
            return MissingNode.getInstance();
        }
    }

    private void observeQuota(HttpResponse<String> response) {
        var headers = response.headers();
        var windowLeft = headers.firstValueAsLong("X-HubSpot-RateLimit-Remaining");
        if (windowLeft.isPresent() && response.statusCode() != 429) {
            executor.governor().observeWindow(windowLeft.getAsLong(), RateLimitPolicy.slot(headers));
        }
        var daily = headers.firstValueAsLong("X-HubSpot-RateLimit-Daily");
        var remaining = headers.firstValueAsLong("X-HubSpot-RateLimit-Daily-Remaining");
        if (daily.isPresent() && remaining.isPresent() && daily.getAsLong() > 0) {
            // HubSpot resets the daily quota at midnight in the account's time zone, which the API does not say
            executor.governor().observeDailyQuota(Math.max(0, daily.getAsLong() - remaining.getAsLong()),
                    daily.getAsLong(), null);
        }
    }
}
