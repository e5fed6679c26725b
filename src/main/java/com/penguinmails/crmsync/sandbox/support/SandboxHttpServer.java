package com.penguinmails.crmsync.sandbox.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The loopback HTTP server under every sandbox (the JDK's {@code HttpServer}): routes with {@code {placeholders}},
 * gzip request bodies inflated, latency and injected faults around each API request (before it is served, or after:
 * applied, then its answer lost or late), statistics per route, and the
 * control endpoints {@code GET /_sandbox/stats}, {@code POST /_sandbox/reset}, {@code POST /_sandbox/faults},
 * {@code POST /_sandbox/clock}, {@code POST /_sandbox/quota}.
 */
public final class SandboxHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxHttpServer.class);

    static {
        // The JDK HttpServer leaves Nagle's algorithm on: a response written as headers then body waits for the
        // client's delayed ACK, about 40 ms a request on loopback. Its ServerConfig reads this property once, when the
        // first HttpServer of the JVM is created, which is here.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    private static final String CONTROL = "/_sandbox/";
    private final Map<String, java.util.function.Function<SandboxRequest, SandboxResponse>> extraControls =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor;
    private final VendorErrors errors;
    private final SandboxClock clock;
    private final SandboxStats stats = new SandboxStats();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Runnable> resetHooks = new CopyOnWriteArrayList<>();
    private final AtomicReference<FaultPlan> faults;
    private final Random random;
    private volatile Supplier<Map<String, ?>> extraStats = Map::of;
    private volatile LongConsumer dailyQuotaSpender = units -> {
        throw new IllegalStateException("this sandbox has no daily quota");
    };

    private record Route(String method, String pattern, String[] segments, SandboxHandler handler) {
    }

    private SandboxHttpServer(String name, HttpServer server, ExecutorService executor, VendorErrors errors,
                              SandboxClock clock, FaultPlan faults, long seed) {
        this.name = name;
        this.server = server;
        this.executor = executor;
        this.errors = errors;
        this.clock = clock;
        this.faults = new AtomicReference<>(faults);
        this.random = new Random(seed);
    }

    /**
     * Starts a server on 127.0.0.1:{@code port} (0 picks a free port).
     *
     * @param seed seeds the fault draws, so a run with the same requests meets the same faults
     */
    public static SandboxHttpServer start(String name, int port, VendorErrors errors, SandboxClock clock,
                                          FaultPlan faults, long seed) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
            ExecutorService executor = Executors.newFixedThreadPool(32, r -> {
                Thread t = new Thread(r, name + "-sandbox");
                t.setDaemon(true);
                return t;
            });
            http.setExecutor(executor);
            SandboxHttpServer sandbox = new SandboxHttpServer(name, http, executor, errors, clock, faults, seed);
            http.createContext("/", sandbox::serve);
            http.start();
            return sandbox;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the " + name + " sandbox on port " + port, e);
        }
    }

    /** Adds a route; the first route that matches a request serves it. */
    public SandboxHttpServer route(String method, String pattern, SandboxHandler handler) {
        routes.add(new Route(method, pattern, segments(pattern), handler));
        return this;
    }

    /**
     * Adds a sandbox-specific control endpoint {@code <method> /_sandbox/<action>} (e.g. Salesforce's
     * {@code POST /_sandbox/pubsub/events}).
     */
    public SandboxHttpServer control(String method, String action,
                                     java.util.function.Function<SandboxRequest, SandboxResponse> handler) {
        extraControls.put(method + " " + action, handler);
        return this;
    }

    /**
     * Adds a control endpoint of one sandbox, {@code METHOD /_sandbox/<action>} ({@code "POST webhooks"}), given the
     * request's JSON body (null when empty).
     */
    public SandboxHttpServer control(String methodAndAction,
                                     java.util.function.Function<@Nullable JsonNode, SandboxResponse> handler) {
        int space = methodAndAction.indexOf(' ');
        return control(methodAndAction.substring(0, space), methodAndAction.substring(space + 1), request -> {
            JsonNode body;
            try {
                body = request.body().length == 0 ? null : SandboxResponse.jsonMapper().readTree(request.body());
            } catch (tools.jackson.core.JacksonException e) {
                return SandboxResponse.json(400, Map.of("error", "the body is not JSON: " + e.getOriginalMessage()));
            }
            return handler.apply(body);
        });
    }

    /** Runs on {@code POST /_sandbox/reset}, after the statistics and clock are reset (re-seed state here). */
    public SandboxHttpServer onReset(Runnable hook) {
        resetHooks.add(hook);
        return this;
    }

    /**
     * Takes units from today's API quota on {@code POST /_sandbox/quota {"spend": N}}, as the account's other
     * integrations would (calls for HubSpot and Salesforce, tokens for Pipedrive): a quota can be spent without
     * making its hundreds of thousands of calls.
     */
    public SandboxHttpServer onSpendDailyQuota(LongConsumer spender) {
        this.dailyQuotaSpender = spender;
        return this;
    }

    /** Sandbox-specific figures added to {@code GET /_sandbox/stats} (records per object, budget used ...). */
    public SandboxHttpServer extraStats(Supplier<Map<String, ?>> supplier) {
        this.extraStats = supplier;
        return this;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SandboxStats stats() {
        return stats;
    }

    public SandboxClock clock() {
        return clock;
    }

    public void faults(FaultPlan plan) {
        faults.set(plan);
    }

    public FaultPlan faults() {
        return faults.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            SandboxRequest request = read(exchange);
            if (request.path().startsWith(CONTROL)) {
                send(exchange, control(request));
                return;
            }
            Match match = match(request);
            String routeName = request.method() + " " + (match == null ? "(unknown)" : match.route.pattern());
            FaultPlan plan = faults.get();
            sleep(plan.latency());
            FaultPlan.Fault fault;
            synchronized (random) {
                fault = plan.pick(random.nextDouble(), random.nextDouble());
            }
            SandboxResponse response;
            if (fault != null && !fault.applied()) {
                stats.faultInjected();
                switch (fault) {
                    case CONNECTION_RESET -> {
                        stats.record(routeName, 0);
                        return; // closing without a response: the client sees the connection drop
                    }
                    case SLOW -> sleep(plan.slowDelay());
                    default -> { }
                }
                response = fault == FaultPlan.Fault.SERVER_ERROR ? errors.serverError(request)
                        : fault == FaultPlan.Fault.RATE_LIMITED ? errors.rateLimited(request, Duration.ofSeconds(1))
                        : null;
                if (response != null) {
                    stats.record(routeName, response.status());
                    send(exchange, response);
                    return;
                }
            }
            if (match == null) {
                response = errors.notFound(request);
            } else {
                SandboxRequest routed = new SandboxRequest(request.method(), request.path(), match.params(),
                        request.query(), request.headers(), request.body());
                try {
                    response = match.route.handler().handle(routed);
                } catch (Exception e) {
                    log.warn("{} sandbox failed on {}: {}", name, routeName, e.toString(), e);
                    response = errors.serverError(request);
                }
            }
            stats.record(routeName, response.status());
            if (fault != null) { // applied: now its answer is lost, or comes after the client gave up
                stats.faultInjected();
                stats.countAppliedUnanswered(routeName);
                if (fault == FaultPlan.Fault.APPLIED_THEN_LOST) {
                    return;
                }
                sleep(plan.slowDelay());
                try {
                    send(exchange, response);
                } catch (IOException clientGaveUp) {
                    // the client timed out and closed the connection: the answer is lost, as intended
                }
                return;
            }
            send(exchange, response);
        }
    }

    private SandboxResponse control(SandboxRequest request) {
        String action = request.path().substring(CONTROL.length());
        JsonNode body = request.body().length == 0 ? null : SandboxResponse.jsonMapper().readTree(request.body());
        switch (request.method() + " " + action) {
            case "GET stats" -> {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("sandbox", name);
                result.put("requests", stats.snapshot());
                result.put("totalRequests", stats.totalRequests());
                result.put("rateLimited", stats.rateLimitedCount());
                result.put("faultsInjected", stats.faultsInjectedCount());
                result.putAll(extraStats.get());
                return SandboxResponse.json(200, result);
            }
            case "POST reset" -> {
                stats.reset();
                clock.reset();
                resetHooks.forEach(Runnable::run);
                return SandboxResponse.json(200, Map.of("reset", true));
            }
            case "POST faults" -> {
                FaultPlan current = faults.get();
                FaultPlan next = new FaultPlan(
                        Duration.ofMillis(longField(body, "latencyMs", current.latency().toMillis())),
                        doubleField(body, "faultRate", current.faultRate()),
                        (int) longField(body, "serverErrorWeight", current.serverErrorWeight()),
                        (int) longField(body, "rateLimitWeight", current.rateLimitWeight()),
                        (int) longField(body, "connectionResetWeight", current.connectionResetWeight()),
                        (int) longField(body, "slowWeight", current.slowWeight()),
                        Duration.ofMillis(longField(body, "slowDelayMs", current.slowDelay().toMillis())),
                        (int) longField(body, "appliedThenLostWeight", current.appliedThenLostWeight()),
                        (int) longField(body, "appliedThenLateWeight", current.appliedThenLateWeight()));
                faults.set(next);
                return SandboxResponse.json(200, Map.of("latencyMs", next.latency().toMillis(),
                        "faultRate", next.faultRate()));
            }
            case "POST quota" -> {
                long spend = longField(body, "spend", 0);
                if (spend < 0) {
                    return SandboxResponse.json(400, Map.of("error", "spend cannot be negative"));
                }
                dailyQuotaSpender.accept(spend);
                return SandboxResponse.json(200, Map.copyOf(extraStats.get()));
            }
            case "POST clock" -> {
                if (body != null && body.has("skewSeconds")) {
                    clock.skew(Duration.ofSeconds(body.get("skewSeconds").asLong()));
                }
                clock.advance(Duration.ofSeconds(longField(body, "advanceSeconds", 0)));
                return SandboxResponse.json(200, Map.of("now", clock.instant().toString()));
            }
            default -> {
                java.util.function.Function<SandboxRequest, SandboxResponse> extra =
                        extraControls.get(request.method() + " " + action);
                if (extra != null) {
                    return extra.apply(request);
                }
                return SandboxResponse.json(404, Map.of("error", "unknown control endpoint " + request.method() + " "
                        + request.path(), "endpoints", List.of("GET stats", "POST reset", "POST faults",
                        "POST clock", "POST quota")));
            }
        }
    }

    private static long longField(@Nullable JsonNode body, String field, long fallback) {
        return body != null && body.has(field) ? body.get(field).asLong() : fallback;
    }

    private static double doubleField(@Nullable JsonNode body, String field, double fallback) {
        return body != null && body.has(field) ? body.get(field).asDouble() : fallback;
    }

    private record Match(Route route, Map<String, String> params) {
    }

    private @Nullable Match match(SandboxRequest request) {
        String[] parts = segments(request.path());
        for (Route route : routes) {
            if (!route.method().equals(request.method()) || route.segments().length != parts.length) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            boolean matches = true;
            for (int i = 0; i < parts.length && matches; i++) {
                String expected = route.segments()[i];
                if (expected.startsWith("{") && expected.endsWith("}")) {
                    params.put(expected.substring(1, expected.length() - 1), decode(parts[i]));
                } else {
                    matches = expected.equals(parts[i]);
                }
            }
            if (matches) {
                return new Match(route, params);
            }
        }
        return null;
    }

    private static String[] segments(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }

    private static SandboxRequest read(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        List<String> encoding = headers.getOrDefault("content-encoding", List.of());
        if (encoding.stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).contains("gzip")) && body.length > 0) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        return new SandboxRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), uri.getRawPath(), Map.of(),
                query(uri.getRawQuery()), headers, body);
    }

    /** Parses a raw query string; also used for form bodies ({@code application/x-www-form-urlencoded}). */
    public static Map<String, List<String>> query(@Nullable String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, SandboxResponse response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        boolean noBody = response.body().length == 0 || response.status() == 204 || "HEAD".equals(
                exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    /** Waits {@code duration} (none when zero); an interrupt ends the wait and stays set. */
    public static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
