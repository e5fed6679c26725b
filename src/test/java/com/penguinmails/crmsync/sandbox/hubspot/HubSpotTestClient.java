package com.penguinmails.crmsync.sandbox.hubspot;

import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A bare HTTP client for the contract tests: sends JSON or form bodies with a bearer token, parses JSON replies. */
final class HubSpotTestClient {

    /** A reply: status, headers and the body parsed as JSON (a missing node when empty). */
    record Reply(int status, HttpResponse<String> raw, JsonNode json) {

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String baseUrl;
    private @Nullable String token;

    HubSpotTestClient(HubSpotSandbox sandbox) {
        this.baseUrl = (String) sandbox.info().get("baseUrl");
        this.token = (String) sandbox.info().get("privateAppToken");
    }

    HubSpotTestClient withToken(@Nullable String newToken) {
        this.token = newToken;
        return this;
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    Reply post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    Reply patch(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json(body))));
    }

    Reply postRaw(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Creates a contact and returns its id. */
    String createContact(String email, Map<String, String> more) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>(more);
        properties.put("email", email);
        Reply reply = post("/crm/v3/objects/contacts", Map.of("properties", properties));
        if (reply.status() != 201) {
            throw new AssertionError("create failed: " + reply.status() + " " + reply.raw().body());
        }
        return reply.json().get("id").asString();
    }

    private static String json(Object body) {
        return body instanceof String s ? s : SandboxResponse.jsonMapper().writeValueAsString(body);
    }

    private Reply send(HttpRequest.Builder builder) {
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? SandboxResponse.jsonMapper().missingNode()
                    : SandboxResponse.jsonMapper().readTree(response.body());
            return new Reply(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
