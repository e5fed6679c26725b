package com.penguinmails.crmsync.sandbox.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A CRM user's edit played through a sandbox's own public HTTP API, with the sandbox's own credentials and a JSON body
 * (what {@code CrmSandbox.editPersonAsUser} sends): the change reaches the sandbox exactly as a vendor client's would,
 * so it is announced (webhook, change event) as a user's change, never as this suite's echo.
 */
public final class UserEdits {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private UserEdits() {
    }

    /** What a user's screen shows before an edit: the JSON of a GET. @throws IllegalStateException unless 2xx */
    public static JsonNode read(URI uri, Map<String, String> headers) {
        return SandboxResponse.jsonMapper().readTree(exchange("GET", uri, headers, HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * Sends {@code body} (serialised as JSON) with {@code method} to {@code uri} with {@code headers}.
     *
     * @throws IllegalStateException naming the method, path and status when the sandbox does not answer 2xx
     */
    public static void send(String method, URI uri, Map<String, String> headers, Map<String, ?> body) {
        exchange(method, uri, headers, HttpRequest.BodyPublishers.ofString(
                SandboxResponse.jsonMapper().writeValueAsString(body)));
    }

    private static String exchange(String method, URI uri, Map<String, String> headers,
                                   HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body);
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("the user's edit " + method + " " + uri.getPath() + " was answered "
                        + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("the user's edit " + method + " " + uri.getPath() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the user's edit " + method + " " + uri.getPath(), e);
        }
    }
}
