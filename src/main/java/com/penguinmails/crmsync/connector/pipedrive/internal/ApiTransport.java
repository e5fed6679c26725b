package com.penguinmails.crmsync.connector.pipedrive.internal;

import com.penguinmails.crmsync.connector.support.ApiExecutor;
import com.penguinmails.crmsync.connector.support.CrmApiException;
import com.penguinmails.crmsync.connector.support.NetworkFailures;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one Pipedrive API request through the connection's {@link ApiExecutor} (pacing, token, refresh on 401,
 * retries): the API token as {@code x-api-token} or the OAuth token as {@code Authorization: Bearer}, to the OAuth
 * token's {@code api_domain} or the {@code baseUrl} setting, waiting at most {@code readTimeoutSeconds} (default 60)
 * for an answer. Maps answers: 401 to Unauthorized; 429 to RateLimited (after {@code retry-after} /
 * {@code x-ratelimit-reset}; the whole connection waits when {@code x-ratelimit-remaining} says the token's burst
 * window is spent, else only the refused call), or to QUOTA_EXHAUSTED when the daily token budget is spent; 5xx and
 * I/O failures to Transient; other 4xx to {@link PipedriveRejection}. A success that spent the burst window's last
 * request pauses the connection until {@code x-ratelimit-reset}. Messages carry the operation and Pipedrive's error
 * text, never the token.
 */
public final class ApiTransport {

    private final ApiExecutor executor;
    private final PipedriveSettings settings;
    private final QuotaMeter quota;
    private final HttpClient http;
    private final JsonMapper json;

    public ApiTransport(ApiExecutor executor, PipedriveSettings settings, JsonMapper json) {
        this.executor = executor;
        this.settings = settings;
        this.quota = new QuotaMeter(executor.governor(), settings.dailyTokenBudget());
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public JsonMapper json() {
        return json;
    }

    /**
     * Sends {@code method path?query} with {@code body}; returns the answer's data.
     *
     * @param path from the API root, e.g. {@code /api/v2/persons}
     */
    public ApiResponse send(String operation, TokenCost cost, String method, String path, Map<String, String> query,
                            @Nullable JsonNode body) {
        // one permit of the per-second pace per request; the token cost is reported by QuotaMeter (see report)
        return executor.execute(operation, 1, token -> once(operation, cost, method, path, query, body, token));
    }

    /**
     * {@code POST path} with {@code body}, creating a record Pipedrive cannot upsert: when an attempt may have been
     * applied without its answer arriving, {@code landed} is asked for the record before it is sent again
     * ({@link ApiExecutor#create}).
     */
    public ApiResponse create(String operation, TokenCost cost, String path, JsonNode body,
                              ApiExecutor.Landed<ApiResponse> landed) {
        return executor.create(operation, 1, token -> once(operation, cost, "POST", path, Map.of(), body, token),
                landed);
    }

    private ApiResponse once(String operation, TokenCost cost, String method, String path, Map<String, String> query,
                             @Nullable JsonNode body, String token) {
        boolean oauth = settings.oauth(executor.tokens().instanceUrl().isPresent());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path, query)).timeout(settings.readTimeout())
                .header("Accept", "application/json");
        if (oauth) {
            request.header("Authorization", "Bearer " + token);
        } else {
            request.header("x-api-token", token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CrmApiException.Transient(settings.name() + ": " + operation + " failed: "
                    + NetworkFailures.describe(e, request.build().uri()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmApiException(settings.name() + ": interrupted during " + operation, e);
        }
        quota.observe(response.headers(), cost);
        ApiResponse answer = answer(operation, cost, response);
        OptionalLong remaining = longHeader(response.headers(), "x-ratelimit-remaining");
        if (remaining.isPresent()) {
            executor.governor().observeWindow(remaining.getAsLong(), retryAfter(response.headers()));
        }
        return answer;
    }

    private ApiResponse answer(String operation, TokenCost cost, HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode root = parse(response.body());
        String error = root.path("error").asString("");
        String where = settings.name() + ": " + operation;
        if (status == 401) {
            throw new CrmApiException.Unauthorized(where + ": HTTP 401 " + error);
        }
        if (status == 429) {
            OptionalLong left = QuotaMeter.tokensLeft(response.headers());
            if (left.isPresent() && left.getAsLong() < cost.tokens()) {
                throw new CrmUnavailableException(CrmUnavailableException.Reason.QUOTA_EXHAUSTED, where
                        + ": Pipedrive's daily token budget is spent (" + left.getAsLong()
                        + " left); the connection resumes when it resets");
            }
            // the token's burst window is spent: every call of the connection waits; else only this one was refused
            boolean windowSpent = longHeader(response.headers(), "x-ratelimit-remaining").orElse(1) <= 0;
            throw new CrmApiException.RateLimited(where + ": HTTP 429 " + error, retryAfter(response.headers()),
                    windowSpent ? CrmApiException.RateLimited.Scope.CONNECTION
                            : CrmApiException.RateLimited.Scope.CALL);
        }
        if (status >= 500) {
            throw new CrmApiException.Transient(where + ": HTTP " + status + " " + error);
        }
        if (status >= 300 || root.path("success").isBoolean() && !root.path("success").asBoolean()) {
            String code = root.path("code").isString() ? root.path("code").asString() : "HTTP_" + status;
            throw new PipedriveRejection(where, status, code, error.isEmpty() ? "HTTP " + status : error);
        }
        JsonNode next = root.path("additional_data").path("next_cursor");
        return new ApiResponse(root.path("data"), next.isString() ? next.asString() : null,
                serverTime(response.headers()));
    }

    private URI uri(String path, Map<String, String> query) {
        String root = executor.tokens().instanceUrl().map(PipedriveSettings::apiRoot)
                .or(settings::base).orElseThrow(() -> new CrmApiException(settings.name()
                        + " has no Pipedrive address: set its baseUrl to https://<company>.pipedrive.com"));
        String params = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(root + path + (params.isEmpty() ? "" : "?" + params));
    }

    private JsonNode parse(String body) {
        if (body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return json.createObjectNode(); // an HTML error page from a proxy: the status decides
        }
    }

    static Duration retryAfter(HttpHeaders headers) {
        for (String name : new String[] {"retry-after", "x-ratelimit-reset"}) {
            var value = headers.firstValue(name);
            if (value.isPresent()) {
                try {
                    return Duration.ofSeconds(Math.max(1, Long.parseLong(value.get().strip())));
                } catch (NumberFormatException ignored) {
                    // not seconds: try the next header
                }
            }
        }
        return Duration.ofSeconds(2);
    }

    private static OptionalLong longHeader(HttpHeaders headers, String name) {
        try {
            return headers.firstValue(name).map(v -> OptionalLong.of(Long.parseLong(v.strip())))
                    .orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static @Nullable Instant serverTime(HttpHeaders headers) {
        return com.penguinmails.crmsync.connector.support.ServerDate.of(headers);
    }
}
