package com.penguinmails.crmsync.connector.salesforce.internal;

import com.penguinmails.crmsync.connector.support.ApiExecutor;
import com.penguinmails.crmsync.connector.support.CrmApiException;
import com.penguinmails.crmsync.connector.support.NetworkFailures;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API of one connection ({@code /services/data/vXX.X}, used for Bulk API 2.0), over the JDK's
 * {@link HttpClient}, every call through the {@link ApiExecutor}: 401 means refresh the token, 403
 * REQUEST_LIMIT_EXCEEDED the daily quota ("TotalRequests") or the concurrent-request limit, 5xx and I/O failures are
 * transient, other errors fail the call with Salesforce's {@code errorCode}. {@code Sforce-Limit-Info} goes to the
 * governor. Every call says {@code Sforce-Call-Options: client=penguinmails-crm-sync}, so the change events of its
 * (Bulk API) writes name this suite in {@code changeOrigin} and the change stream drops them as echoes.
 */
final class RestClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    /** A response: status, body and the headers the bulk API reads. */
    record Response(int status, String body, @Nullable String locator) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** 404: the job or resource is gone (bulk jobs are deleted after 7 days). */
    static final class NotFound extends CrmApiException {
        NotFound(String message) {
            super(message);
        }
    }

    private final String connectionName;
    private final ApiExecutor executor;
    private final Supplier<String> instanceUrl;
    private final SalesforceSettings settings;
    private final HttpClient http;

    RestClient(String connectionName, ApiExecutor executor, Supplier<String> instanceUrl,
               SalesforceSettings settings) {
        this.connectionName = connectionName;
        this.executor = executor;
        this.instanceUrl = instanceUrl;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    Response get(String operation, String path) {
        return send(operation, "GET", path, null, null);
    }

    Response json(String operation, String method, String path, Object body) {
        return send(operation, method, path, "application/json", JSON.writeValueAsString(body));
    }

    Response csv(String operation, String path, String body) {
        return send(operation, "PUT", path, "text/csv", body);
    }

    private Response send(String operation, String method, String path, @Nullable String contentType,
                          @Nullable String body) {
        return executor.execute(operation, 1, token -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(instanceUrl.get() + "/services/data/v"
                            + SalesforceSettings.API_VERSION + path))
                    .timeout(settings.readTimeout())
                    .header("Authorization", "Bearer " + token)
                    .header("Sforce-Call-Options", "client=" + SalesforceSettings.CALL_OPTIONS_CLIENT)
                    .header("Accept", "application/json, text/csv")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CrmApiException.Transient(connectionName + ": " + operation + " failed: "
                        + NetworkFailures.describe(e, request.build().uri()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CrmApiException(connectionName + ": " + operation + " was interrupted", e);
            }
            observe(response);
            return check(operation, response);
        });
    }

    private Response check(String operation, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Response(status, response.body(),
                    response.headers().firstValue("Sforce-Locator").orElse(null));
        }
        String prefix = connectionName + ": " + operation + " failed: HTTP " + status + " ";
        String[] error = error(response.body());
        if (status == 401) {
            throw new CrmApiException.Unauthorized(prefix + error[0]);
        }
        if (status == 403 && "REQUEST_LIMIT_EXCEEDED".equals(error[0])) {
            if (error[1].contains("TotalRequests")) {
                throw new CrmUnavailableException(CrmUnavailableException.Reason.QUOTA_EXHAUSTED, prefix
                        + "Salesforce's daily API request limit is spent (REQUEST_LIMIT_EXCEEDED); the connection "
                        + "resumes when the org's 24-hour allocation frees up");
            }
            throw new CrmApiException.RateLimited(prefix + error[0] + " " + error[1], settings.concurrencyBackoff());
        }
        if (status == 429) {
            throw new CrmApiException.RateLimited(prefix + error[0], response.headers().firstValue("Retry-After")
                    .map(RestClient::seconds).orElse(settings.concurrencyBackoff()));
        }
        if (status >= 500) {
            throw new CrmApiException.Transient(prefix + error[0] + " " + error[1]);
        }
        if (status == 404) {
            throw new NotFound(prefix + error[0] + " " + error[1]);
        }
        throw new CrmApiException(prefix + error[0] + " " + error[1]);
    }

    private void observe(HttpResponse<String> response) {
        Optional<String> info = response.headers().firstValue("Sforce-Limit-Info");
        if (info.isEmpty()) {
            return;
        }
        Matcher m = API_USAGE.matcher(info.get());
        if (m.find()) {
            executor.governor().observeDailyQuota(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), null);
        }
    }

    /** {errorCode, message} of a REST error body {@code [{message, errorCode, fields}]}, or of an unknown one. */
    private static String[] error(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode first = node.isArray() && !node.isEmpty() ? node.get(0) : node;
            return new String[] {first.path("errorCode").asString("UNKNOWN"), first.path("message").asString("")};
        } catch (RuntimeException e) {
            return new String[] {"UNKNOWN", ""};
        }
    }

    private static Duration seconds(String raw) {
        try {
            return Duration.ofSeconds(Long.parseLong(raw.trim()));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }
}
