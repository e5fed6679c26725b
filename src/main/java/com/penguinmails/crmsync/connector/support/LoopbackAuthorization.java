package com.penguinmails.crmsync.connector.support;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The OAuth 2.0 authorization-code flow for a command-line user (RFC 8252): a one-shot callback server on
 * 127.0.0.1, the CRM's consent URL for the user to open, the state checked, and the code exchanged for tokens with the
 * Nimbus OAuth SDK with PKCE ({@link AuthorizationCodeExchange}). The secrets never reach the terminal.
 */
public final class LoopbackAuthorization implements AutoCloseable {

    private final HttpServer server;
    private final URI redirectUri;
    private final State state = new State();
    private final CodeVerifier verifier = new CodeVerifier();
    private final CompletableFuture<Map<String, String>> callback = new CompletableFuture<>();

    private LoopbackAuthorization(HttpServer server) {
        this.server = server;
        this.redirectUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback");
    }

    /** Starts the callback server on {@code port} (0 picks a free one). */
    public static LoopbackAuthorization listen(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4);
        LoopbackAuthorization flow = new LoopbackAuthorization(server);
        server.createContext("/callback", exchange -> {
            Map<String, String> query = new HashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            byte[] page = (query.containsKey("code") ? "Authorised. You can close this tab."
                    : "Authorisation was not granted.").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
            flow.callback.complete(query);
        });
        server.start();
        return flow;
    }

    public URI redirectUri() {
        return redirectUri;
    }

    /** The consent URL the user opens. */
    public URI authorizationUrl(URI authorizationEndpoint, String clientId, @Nullable String scope) {
        return AuthorizationCodeExchange.authorizationUrl(authorizationEndpoint, clientId, redirectUri, scope, state,
                verifier);
    }

    /**
     * Waits for the browser to come back, checks the state and exchanges the code for tokens.
     *
     * @throws CrmUnavailableException when the user denied access, the state does not match, or the CRM refused
     */
    public TokenGrant awaitTokens(OAuthEndpoint endpoint, String clientId, String clientSecret, Duration timeout,
                                        Clock clock) throws InterruptedException {
        Map<String, String> query;
        try {
            query = callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CrmUnavailableException(CrmUnavailableException.Reason.AUTH_REVOKED,
                    "nobody completed the authorisation within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (!state.getValue().equals(query.get("state"))) {
            throw new CrmUnavailableException(CrmUnavailableException.Reason.AUTH_REVOKED,
                    "the authorisation came back with another state; start again");
        }
        String code = query.get("code");
        if (code == null || code.isBlank()) {
            throw new CrmUnavailableException(CrmUnavailableException.Reason.AUTH_REVOKED, "the CRM did not grant "
                    + "access (" + query.getOrDefault("error", "no code") + ")");
        }
        return AuthorizationCodeExchange.exchange(endpoint, clientId, clientSecret, code, redirectUri, verifier,
                clock);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
