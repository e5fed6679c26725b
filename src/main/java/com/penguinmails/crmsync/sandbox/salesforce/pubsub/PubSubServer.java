package com.penguinmails.crmsync.sandbox.salesforce.pubsub;

import com.penguinmails.crmsync.sandbox.salesforce.auth.TokenRegistry;
import com.penguinmails.crmsync.sandbox.salesforce.model.RecordStore;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox org's Pub/Sub API server: a plaintext gRPC server on a loopback port of its own, publishing the record
 * store's Contact, Lead and Account changes as change events, with a control action to emit GAP events.
 */
public final class PubSubServer implements AutoCloseable {

    private final Server server;
    private final ChangeEventLog log;
    private final ChangeEventPublisher publisher;
    private final PubSubService service;

    /**
     * Starts serving {@code store}'s changes.
     *
     * @param port        the port, or 0 for any free one
     * @param instanceUrl the org's instance URL, which clients must name in {@code instanceurl}
     */
    public PubSubServer(int port, RecordStore store, TokenRegistry tokens, Clock clock, Supplier<String> instanceUrl,
                        String orgId) {
        ChangeEventSchemas schemas = new ChangeEventSchemas(store.schema());
        this.log = new ChangeEventLog(clock);
        this.publisher = new ChangeEventPublisher(schemas, log, clock, store.userId());
        PubSubAuth auth = new PubSubAuth(tokens, instanceUrl, orgId);
        this.service = new PubSubService(schemas, log, auth, orgId);
        store.onChanges(publisher::publish);
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                        InsecureServerCredentials.create())
                .addService(ServerInterceptors.intercept(service, auth))
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Salesforce sandbox's Pub/Sub API on port " + port, e);
        }
    }

    /** The port clients dial ({@code 127.0.0.1:<port>}, plaintext). */
    public int port() {
        return server.getPort();
    }

    /** The channels it serves. */
    public List<String> topics() {
        return new ArrayList<>(service.topicNames());
    }

    /** The org was reset: events published so far are gone and open streams end. */
    public void reset() {
        log.clear();
        service.closeStreams();
    }

    /**
     * {@code POST /_sandbox/pubsub/events {"entity": "Contact", "changeType": "GAP_UPDATE", "recordIds": [...]}}:
     * publishes a GAP_* event for the ids, or a GAP_OVERFLOW event of the entity; 400 for a bad entity or type.
     */
    public SandboxResponse emit(SandboxRequest request) {
        JsonNode body = request.body().length == 0 ? null : SandboxResponse.jsonMapper().readTree(request.body());
        String entity = body == null ? "" : body.path("entity").asString("");
        String changeType = body == null ? "" : body.path("changeType").asString("");
        List<String> ids = new ArrayList<>();
        if (body != null) {
            body.path("recordIds").forEach(id -> ids.add(id.asString()));
        }
        try {
            publisher.publishGap(entity, changeType, ids);
        } catch (IllegalArgumentException e) {
            return SandboxResponse.json(400, Map.of("error", e.getMessage()));
        }
        return SandboxResponse.json(200, Map.of("published", changeType, "entity", entity));
    }

    /** Publishes a GAP_* or GAP_OVERFLOW event (tests). */
    public void emitGap(String entity, String changeType, List<String> recordIds) {
        publisher.publishGap(entity, changeType, recordIds);
    }

    @Override
    public void close() {
        service.shutdown();
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
