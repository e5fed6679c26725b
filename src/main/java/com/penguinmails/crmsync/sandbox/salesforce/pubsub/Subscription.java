package com.penguinmails.crmsync.sandbox.salesforce.pubsub;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * One Subscribe stream: its topic's entities, the position after which events are due, and the events the client
 * still asked for ({@code num_requested}, at most 100 counted per request, added up). Events are sent only while
 * some are requested; a session token that expired ends the stream UNAUTHENTICATED. Every method is synchronized:
 * gRPC allows one writer at a time.
 */
final class Subscription {

    /** Requests above this count as this many, as on Salesforce. */
    static final int MAX_REQUESTED = 100;

    private final String topic;
    private final Set<String> entities;
    private final ChangeEventLog log;
    private final StreamObserver<FetchResponse> out;
    private final String token;
    private final Predicate<String> tokenValid;
    private long position;
    private int pending;
    private boolean closed;

    Subscription(String topic, Set<String> entities, long position, ChangeEventLog log,
                 StreamObserver<FetchResponse> out, String token, Predicate<String> tokenValid) {
        this.topic = topic;
        this.entities = entities;
        this.position = position;
        this.log = log;
        this.out = out;
        this.token = token;
        this.tokenValid = tokenValid;
    }

    String topic() {
        return topic;
    }

    synchronized void request(int numRequested) {
        pending += Math.max(0, Math.min(MAX_REQUESTED, numRequested));
        drain();
    }

    /** Sends what is due, if anything is requested. */
    synchronized void drain() {
        if (closed || pending <= 0) {
            return;
        }
        List<ChangeEventLog.StoredEvent> due = log.after(position, entities, pending);
        if (due.isEmpty()) {
            return;
        }
        if (!tokenValid.test(token)) {
            fail(Status.UNAUTHENTICATED.withDescription("session expired or invalid"), PubSubAuth.AUTH_ERROR);
            return;
        }
        FetchResponse.Builder response = FetchResponse.newBuilder().setRpcId(UUID.randomUUID().toString());
        for (ChangeEventLog.StoredEvent event : due) {
            response.addEvents(ConsumerEvent.newBuilder()
                    .setEvent(ProducerEvent.newBuilder().setId(event.eventId()).setSchemaId(event.schemaId())
                            .setPayload(ByteString.copyFrom(event.payload())))
                    .setReplayId(ByteString.copyFrom(event.replayId())));
            position = event.sequence();
        }
        pending -= due.size();
        out.onNext(response.setLatestReplayId(ByteString.copyFrom(ChangeEventLog.StoredEvent.replayId(position)))
                .setPendingNumRequested(pending).build());
    }

    /** Ends the stream with an error status and an {@code error-code} trailer. */
    synchronized void fail(Status status, String errorCode) {
        if (!closed) {
            closed = true;
            out.onError(status.asRuntimeException(PubSubAuth.trailer(errorCode)));
        }
    }

    synchronized void complete() {
        if (!closed) {
            closed = true;
            out.onCompleted();
        }
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized void clientGone() {
        closed = true;
    }
}
