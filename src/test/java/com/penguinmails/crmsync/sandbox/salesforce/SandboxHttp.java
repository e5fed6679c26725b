package com.penguinmails.crmsync.sandbox.salesforce;

import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Test helper: plain HTTP calls to a running Salesforce sandbox (OAuth, REST, control endpoints) and partner connections. */
final class SandboxHttp {

    private final HttpClient http = HttpClient.newHttpClient();
    private final SalesforceSandbox sandbox;

    SandboxHttp(SalesforceSandbox sandbox) {
        this.sandbox = sandbox;
    }

    String base() {
        return (String) sandbox.info().get("instanceUrl");
    }

    HttpResponse<String> form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Exchanges the sandbox's initial refresh token; returns the token response. */
    JsonNode refresh(String refreshToken) {
        HttpResponse<String> response = form("/services/oauth2/token", Map.of("grant_type", "refresh_token",
                "client_id", (String) sandbox.info().get("clientId"),
                "client_secret", (String) sandbox.info().get("clientSecret"), "refresh_token", refreshToken));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("refresh failed: " + response.body());
        }
        return json(response.body());
    }

    HttpResponse<String> get(String path, String accessToken) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer "
                + accessToken).GET().build());
    }

    HttpResponse<String> json(String method, String path, String accessToken, String body) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer "
                + accessToken).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> csv(String path, String accessToken, String body) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer "
                + accessToken).header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    void advanceClock(long seconds) {
        send(HttpRequest.newBuilder(URI.create(base() + "/_sandbox/clock"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"advanceSeconds\":" + seconds + "}")).build());
    }

    HttpResponse<String> control(String action, String body) {
        return send(HttpRequest.newBuilder(URI.create(base() + "/_sandbox/" + action))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String body) {
        return SandboxResponse.jsonMapper().readTree(body);
    }

    /** The official partner client pointed at the sandbox exactly as the connector will be. */
    PartnerConnection partner(String accessToken) throws ConnectionException {
        ConnectorConfig config = new ConnectorConfig();
        config.setManualLogin(true);
        config.setServiceEndpoint(base() + "/services/Soap/u/64.0");
        config.setSessionId(accessToken);
        return new PartnerConnection(config);
    }
}
