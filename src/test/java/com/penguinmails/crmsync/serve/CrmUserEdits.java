package com.penguinmails.crmsync.serve;

import com.penguinmails.crmsync.sandbox.CrmSandbox;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.pipedrive.PipedriveSandbox;
import com.penguinmails.crmsync.sandbox.salesforce.SalesforceSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rep editing people in a CRM while the service runs: one {@code PATCH} of the vendor's API per edit, made through
 * the CRM's OAuth app (a session of its own), not the connection's token, so that the edits do not spend the rate
 * limit the service works with (a rep's edits in the CRM's screens do not either), and without the service's
 * {@code Sforce-Call-Options} client id (the service drops Salesforce events carrying it as its own echoes).
 */
abstract sealed class CrmUserEdits {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    final Map<String, Object> info;
    private volatile String accessToken = "";
    private volatile String refreshToken = "";

    CrmUserEdits(Map<String, Object> info) {
        this.info = info;
        this.accessToken = initialAccessToken();
    }

    static CrmUserEdits of(CrmSandbox sandbox) {
        if (sandbox instanceof HubSpotSandbox hubspot) {
            return new HubSpot(hubspot.info());
        }
        if (sandbox instanceof PipedriveSandbox pipedrive) {
            return new Pipedrive(pipedrive.info());
        }
        if (sandbox instanceof SalesforceSandbox salesforce) {
            return new Salesforce(salesforce.info());
        }
        throw new IllegalArgumentException("no real-time edits for the " + sandbox.crm() + " sandbox");
    }

    /** Calls this made to the CRM (edits and token refreshes), to leave out of the service's API calls. */
    long calls() {
        return calls.get();
    }

    /**
     * Gives the person {@code crmId} the last name {@code last} (its first name {@code first} kept); true when the
     * CRM answered 2xx.
     */
    boolean editLastName(String crmId, String first, String last) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 30; attempt++) {
            if (accessToken.isEmpty()) {
                refresh();
            }
            HttpResponse<String> answer = send(HttpRequest.newBuilder(editUri(crmId))
                    .header("Authorization", "Bearer " + accessToken)
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(editBody(first, last))).build());
            if (answer.statusCode() == 429) { // the OAuth app's own limit: the edit waits, as a rep's tool would
                rateLimited.incrementAndGet();
                Thread.sleep(answer.headers().firstValue("Retry-After").map(s -> (long) (Double.parseDouble(s)
                        * 1000)).orElse(1000L));
            } else if (answer.statusCode() == 401) {
                accessToken = "";
            } else {
                return answer.statusCode() < 300;
            }
        }
        return false;
    }

    /** Edits answered 429 by the CRM (each waited and was sent again). */
    long rateLimited() {
        return rateLimited.get();
    }

    private synchronized void refresh() throws IOException, InterruptedException {
        if (!accessToken.isEmpty()) {
            return;
        }
        if (refreshToken.isEmpty()) {
            refreshToken = initialRefreshToken();
        }
        HttpResponse<String> answer = send(tokenRequest(refreshToken));
        if (answer.statusCode() >= 300) {
            throw new IOException("token refresh answered " + answer.statusCode());
        }
        JsonNode token = JSON.readTree(answer.body());
        if (token.hasNonNull("refresh_token")) { // rotated
            refreshToken = token.get("refresh_token").asString();
        }
        accessToken = token.get("access_token").asString();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        calls.incrementAndGet();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    abstract URI editUri(String crmId);

    abstract String editBody(String first, String last);

    /** An access token to begin with (none: one is refreshed before the first edit). */
    String initialAccessToken() {
        return "";
    }

    private String initialRefreshToken() {
        return text(info, "refreshToken");
    }

    abstract HttpRequest tokenRequest(String refresh);

    /** A {@code refresh_token} grant with the client's id and secret in the form (HubSpot, Salesforce). */
    HttpRequest refreshWithClientInForm(String tokenUrl, String refresh) {
        return HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "refresh_token",
                        "refresh_token", refresh, "client_id", text(info, "clientId"),
                        "client_secret", text(info, "clientSecret"))))).build();
    }

    static String form(Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((name, value) -> form.append(form.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString();
    }

    static String text(Map<String, Object> info, String key) {
        return String.valueOf(info.get(key));
    }

    /** HubSpot: {@code PATCH /crm/v3/objects/contacts/{id}} with the OAuth app's access token. */
    static final class HubSpot extends CrmUserEdits {
        HubSpot(Map<String, Object> info) {
            super(info);
        }

        @Override
        URI editUri(String crmId) {
            return URI.create(text(info, "baseUrl") + "/crm/v3/objects/contacts/" + crmId);
        }

        @Override
        String editBody(String first, String last) {
            return "{\"properties\": {\"lastname\": \"" + last + "\"}}";
        }

        @Override
        HttpRequest tokenRequest(String refresh) {
            return refreshWithClientInForm(text(info, "baseUrl") + "/oauth/v1/token", refresh);
        }
    }

    /** Pipedrive: {@code PATCH /api/v2/persons/{id}} ({@code name}: first and last) with an OAuth access token. */
    static final class Pipedrive extends CrmUserEdits {
        Pipedrive(Map<String, Object> info) {
            super(info);
        }

        @Override
        URI editUri(String crmId) {
            return URI.create(text(info, "apiDomain") + "/api/v2/persons/" + crmId);
        }

        @Override
        String editBody(String first, String last) {
            return "{\"name\": \"" + (first.isBlank() ? last : first + " " + last) + "\"}";
        }

        @Override
        HttpRequest tokenRequest(String refresh) {
            String client = text(info, "clientId") + ":" + text(info, "clientSecret");
            return HttpRequest.newBuilder(URI.create(text(info, "apiDomain") + "/oauth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            client.getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "refresh_token",
                            "refresh_token", refresh)))).build();
        }
    }

    /** Salesforce: {@code PATCH /services/data/vNN.N/sobjects/Contact/{id}} with the sandbox's ready access token. */
    static final class Salesforce extends CrmUserEdits {
        Salesforce(Map<String, Object> info) {
            super(info);
        }

        /**
         * The sandbox's ready access token (2 h): the org rotates refresh tokens, so refreshing with the one the
         * connection was given would fail, or cut the connection off.
         */
        @Override
        String initialAccessToken() {
            return text(info, "accessToken");
        }

        @Override
        URI editUri(String crmId) {
            return URI.create(text(info, "restBaseUrl") + "/sobjects/Contact/" + crmId);
        }

        @Override
        String editBody(String first, String last) {
            return "{\"LastName\": \"" + last + "\"}";
        }

        @Override
        HttpRequest tokenRequest(String refresh) {
            return refreshWithClientInForm(text(info, "tokenUrl"), refresh);
        }
    }

    /** The first name a person keeps; a JSON string's content (no quotes or backslashes). */
    static String jsonSafe(String value) {
        return value.replace("\\", "").replace("\"", "");
    }
}
