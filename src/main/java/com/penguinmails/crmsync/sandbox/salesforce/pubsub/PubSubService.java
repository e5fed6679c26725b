package com.penguinmails.crmsync.sandbox.salesforce.pubsub;

import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaInfo;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicInfo;
import com.salesforce.eventbus.protobuf.TopicRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * The {@code eventbus.v1.PubSub} service of the sandbox: GetTopic and GetSchema for the change event channels, and
 * Subscribe with flow control and replay (LATEST, EARLIEST, CUSTOM after a stored replay id). A topic that is not a
 * change event channel is INVALID_ARGUMENT; a replay id unknown to the bus or older than the retention ends the
 * stream INVALID_ARGUMENT with the {@code error-code} trailer Salesforce sends. Publishing is not offered (change
 * event channels are read-only).
 */
final class PubSubService extends PubSubGrpc.PubSubImplBase {

    static final String TOPIC_ERROR = "sfdc.platform.eventbus.grpc.service.topic.invalid";
    static final String REPLAY_ERROR = "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.validation.failed";
    static final String SCHEMA_ERROR = "sfdc.platform.eventbus.grpc.schema.not.found";

    private final ChangeEventSchemas schemas;
    private final ChangeEventLog log;
    private final PubSubAuth auth;
    private final String orgId;
    private final Map<String, Set<String>> topics = new LinkedHashMap<>();
    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final ExecutorService deliveries = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "salesforce-sandbox-pubsub");
        thread.setDaemon(true);
        return thread;
    });

    PubSubService(ChangeEventSchemas schemas, ChangeEventLog log, PubSubAuth auth, String orgId) {
        this.schemas = schemas;
        this.log = log;
        this.auth = auth;
        this.orgId = orgId;
        topics.put("/data/ChangeEvents", new LinkedHashSet<>(ChangeEventSchemas.ENTITIES));
        for (String entity : ChangeEventSchemas.ENTITIES) {
            topics.put("/data/" + entity + "ChangeEvent", Set.of(entity));
        }
        log.onAppend(() -> {
            if (!deliveries.isShutdown()) {
                deliveries.execute(this::drainAll);
            }
        });
    }

    Set<String> topicNames() {
        return topics.keySet();
    }

    /** Ends every open stream (sandbox reset or stop); clients resubscribe. */
    void closeStreams() {
        for (Subscription subscription : subscriptions) {
            subscription.fail(Status.UNAVAILABLE.withDescription("the event bus restarted"),
                    "sfdc.platform.eventbus.grpc.service.unavailable");
        }
        subscriptions.clear();
    }

    void shutdown() {
        closeStreams();
        deliveries.shutdownNow();
    }

    @Override
    public void getTopic(TopicRequest request, StreamObserver<TopicInfo> responses) {
        Set<String> entities = topics.get(request.getTopicName());
        if (entities == null) {
            responses.onError(invalidTopic(request.getTopicName()));
            return;
        }
        String schemaId = schemas.ofEntity(entities.iterator().next()).orElseThrow().schemaId();
        responses.onNext(TopicInfo.newBuilder().setTopicName(request.getTopicName()).setTenantGuid(orgId)
                .setCanPublish(false).setCanSubscribe(true).setSchemaId(schemaId)
                .setRpcId(UUID.randomUUID().toString()).build());
        responses.onCompleted();
    }

    @Override
    public void getSchema(SchemaRequest request, StreamObserver<SchemaInfo> responses) {
        var schema = schemas.ofId(request.getSchemaId());
        if (schema.isEmpty()) {
            responses.onError(Status.NOT_FOUND.withDescription("no schema with id " + request.getSchemaId())
                    .asRuntimeException(PubSubAuth.trailer(SCHEMA_ERROR)));
            return;
        }
        responses.onNext(SchemaInfo.newBuilder().setSchemaId(schema.get().schemaId())
                .setSchemaJson(schema.get().schema().toString()).setRpcId(UUID.randomUUID().toString()).build());
        responses.onCompleted();
    }

    @Override
    public StreamObserver<FetchRequest> subscribe(StreamObserver<FetchResponse> responses) {
        String token = PubSubAuth.TOKEN.get();
        return new StreamObserver<>() {
            private @Nullable Subscription subscription;
            private boolean failed;

            @Override
            public void onNext(FetchRequest request) {
                if (failed) {
                    return;
                }
                Subscription current = subscription;
                if (current == null) {
                    current = open(request, responses, token);
                    if (current == null) {
                        failed = true;
                        return;
                    }
                    subscription = current;
                    subscriptions.add(current);
                } else if (!request.getTopicName().isEmpty() && !request.getTopicName().equals(current.topic())) {
                    current.fail(Status.INVALID_ARGUMENT.withDescription("a stream's topic cannot change: was "
                            + current.topic() + ", got " + request.getTopicName()), TOPIC_ERROR);
                    return;
                }
                current.request(request.getNumRequested());
            }

            @Override
            public void onError(Throwable t) {
                gone();
            }

            @Override
            public void onCompleted() {
                Subscription current = subscription;
                if (current != null) {
                    current.complete();
                }
                gone();
            }

            private void gone() {
                Subscription current = subscription;
                if (current != null) {
                    current.clientGone();
                    subscriptions.remove(current);
                }
            }
        };
    }

    private @Nullable Subscription open(FetchRequest request, StreamObserver<FetchResponse> responses,
                                        String token) {
        Set<String> entities = topics.get(request.getTopicName());
        if (entities == null) {
            responses.onError(invalidTopic(request.getTopicName()));
            return null;
        }
        long position;
        if (request.getReplayPreset() == ReplayPreset.CUSTOM) {
            byte[] replayId = request.getReplayId().toByteArray();
            ChangeEventLog.Check check = log.check(replayId);
            if (check != ChangeEventLog.Check.VALID) {
                responses.onError(Status.INVALID_ARGUMENT.withDescription("The Replay ID validation failed: "
                                + (check == ChangeEventLog.Check.EXPIRED ? "it is older than the retention window"
                                : "it is not a replay id of this topic"))
                        .asRuntimeException(PubSubAuth.trailer(REPLAY_ERROR)));
                return null;
            }
            position = ChangeEventLog.sequenceOf(replayId).orElseThrow();
        } else {
            position = request.getReplayPreset() == ReplayPreset.EARLIEST ? log.earliest() : log.tip();
        }
        return new Subscription(request.getTopicName(), entities, position, log, responses, token, auth::valid);
    }

    private void drainAll() {
        for (Subscription subscription : subscriptions) {
            if (subscription.closed()) {
                subscriptions.remove(subscription);
            } else {
                subscription.drain();
            }
        }
    }

    private RuntimeException invalidTopic(String topic) {
        return Status.INVALID_ARGUMENT.withDescription("Topic " + topic + " is not a change event channel of this "
                + "org; expected one of " + topics.keySet()).asRuntimeException(PubSubAuth.trailer(TOPIC_ERROR));
    }
}
