package com.penguinmails.crmsync.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's stand-in for the Ingress in front of {@code crm-sync serve}'s replicas: one public URL, each request
 * sent round-robin to a replica, and to the next one when a replica cannot be reached (a replica killed with
 * {@code kill -9} refuses connections, as a pod the Service no longer routes to). It passes the caller's headers and
 * names itself in {@code X-Forwarded-Host}/{@code -Proto}, so signatures over the public URL still verify.
 */
final class ReplicaForwarder implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "transfer-encoding",
            "expect", "upgrade", "keep-alive");

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<URI> replicas = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong failedOver = new AtomicLong();
    private final AtomicLong unreachable = new AtomicLong();

    private ReplicaForwarder(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static ReplicaForwarder start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        ExecutorService executor = Executors.newFixedThreadPool(32);
        ReplicaForwarder forwarder = new ReplicaForwarder(http, executor);
        http.setExecutor(executor);
        http.createContext("/", forwarder::forward);
        http.start();
        return forwarder;
    }

    /** The public base URL, e.g. {@code http://127.0.0.1:41234}. */
    URI publicUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void add(URI replica) {
        replicas.add(replica);
    }

    void remove(URI replica) {
        replicas.remove(replica);
    }

    /** Requests forwarded, sent on to another replica after one could not be reached, and reaching none. */
    String stats() {
        return String.format(Locale.ROOT, "%,d forwarded, %,d failed over, %,d unreachable", forwarded.get(),
                failedOver.get(), unreachable.get());
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            List<URI> targets = List.copyOf(replicas);
            int first = Math.floorMod(next.getAndIncrement(), Math.max(1, targets.size()));
            for (int i = 0; i < targets.size(); i++) {
                URI target = targets.get((first + i) % targets.size());
                try {
                    HttpResponse<byte[]> answer = client.send(request(exchange, target, body),
                            HttpResponse.BodyHandlers.ofByteArray());
                    forwarded.incrementAndGet();
                    if (i > 0) {
                        failedOver.incrementAndGet();
                    }
                    answer.headers().map().forEach((name, values) -> {
                        if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                            exchange.getResponseHeaders().put(name, values);
                        }
                    });
                    byte[] out = answer.body();
                    exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
                    if (out.length > 0) {
                        try (OutputStream stream = exchange.getResponseBody()) {
                            stream.write(out);
                        }
                    }
                    return;
                } catch (IOException unreachableReplica) {
                    // a replica that is gone: the next one takes the request, as the Service would route it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            unreachable.incrementAndGet();
            exchange.sendResponseHeaders(502, -1);
        }
    }

    private static HttpRequest request(HttpExchange exchange, URI target, byte[] body) {
        URI incoming = exchange.getRequestURI();
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(incoming.getRawPath()
                        + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery())))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        request.header("X-Forwarded-Host", exchange.getRequestHeaders().getFirst("Host"));
        request.header("X-Forwarded-Proto", "http");
        return request.build();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
