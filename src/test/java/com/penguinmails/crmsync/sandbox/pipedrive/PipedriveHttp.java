package com.penguinmails.crmsync.sandbox.pipedrive;

import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A bare HTTP client for the tests: plain {@code java.net.http} requests against the sandbox with a chosen
 * credential header, answers parsed as JSON. Deliberately not the project's connector code.
 */
final class PipedriveHttp {

    /** A status, the headers and the JSON body of one answer. */
    record Answer(int status, Map<String, java.util.List<String>> headers, JsonNode json) {

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final @Nullable String headerName;
    private final @Nullable String headerValue;

    private PipedriveHttp(String base, @Nullable String headerName, @Nullable String headerValue) {
        this.base = base;
        this.headerName = headerName;
        this.headerValue = headerValue;
    }

    static PipedriveHttp withApiToken(PipedriveSandbox sandbox) {
        return new PipedriveHttp(sandbox.server().baseUri().toString(), "x-api-token", sandbox.apiToken());
    }

    static PipedriveHttp withBearer(PipedriveSandbox sandbox, String accessToken) {
        return new PipedriveHttp(sandbox.server().baseUri().toString(), "Authorization", "Bearer " + accessToken);
    }

    static PipedriveHttp anonymous(PipedriveSandbox sandbox) {
        return new PipedriveHttp(sandbox.server().baseUri().toString(), null, null);
    }

    Answer get(String path) {
        return send(builder(path).GET());
    }

    Answer delete(String path) {
        return send(builder(path).DELETE());
    }

    Answer post(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer patch(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer put(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A form POST with extra headers (the OAuth token endpoint). */
    Answer postForm(String path, String form, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(builder::header);
        return send(builder);
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (headerName != null && headerValue != null) {
            builder.header(headerName, headerValue);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder builder) {
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            JsonNode json = body.length == 0 ? SandboxResponse.jsonMapper().nullNode()
                    : SandboxResponse.jsonMapper().readTree(body);
            return new Answer(response.statusCode(), response.headers().map(), json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
