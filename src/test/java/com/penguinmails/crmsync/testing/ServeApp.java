package com.penguinmails.crmsync.testing;

import com.penguinmails.crmsync.CrmSyncApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code crm-sync serve} on a test database, for tests of its API and console: a real servlet server on a free port,
 * the API's HS256 secret set to {@link ApiTokens#SECRET}, and HTTP calls with or without a bearer token. Redirects
 * are not followed (tests assert them).
 */
public final class ServeApp implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final ConfigurableApplicationContext context;
    private final int port;

    private ServeApp(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Starts the service on {@code db} with a fresh keyset and {@code extra} properties on top. */
    public static ServeApp start(TestDatabase.Database db, Map<String, Object> extra) {
        Map<String, Object> properties = new LinkedHashMap<>(db.springProperties());
        try {
            properties.put("crmsync.credentials.keyset-file",
                    Files.createTempDirectory("serve-app").resolve("keyset.json").toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        properties.put("crmsync.credentials.generate-missing", "true");
        properties.put("crmsync.serve.enabled", "true");
        properties.put("crmsync.serve.port", "0");
        properties.put("crmsync.api.jwt-secret", ApiTokens.SECRET);
        properties.put("crmsync.serve.dispatch.polling-interval", "200ms");
        properties.put("crmsync.serve.dispatch.sweep-interval", "1s");
        properties.put("crmsync.serve.dispatch.shutdown-max-wait", "2s");
        properties.putAll(extra);
        String[] arguments = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new);
        return new ServeApp(new SpringApplicationBuilder(CrmSyncApplication.class)
                .web(WebApplicationType.SERVLET)
                .registerShutdownHook(false)
                .run(arguments));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public int port() {
        return port;
    }

    /** {@code http://localhost:<port><path>}. */
    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A GET with {@code token} as bearer (none when null). */
    public HttpResponse<String> get(String path, @Nullable String token) {
        return send(request(path, token).GET());
    }

    /** A request with a JSON body ({@code method} POST, PUT, PATCH or DELETE) and {@code token} as bearer. */
    public HttpResponse<String> send(String method, String path, @Nullable String token, @Nullable String json) {
        HttpRequest.Builder request = request(path, token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path, @Nullable String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept",
                "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
