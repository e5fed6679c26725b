package com.penguinmails.crmsync.connector.salesforce.cdc;

import com.google.protobuf.ByteString;
import com.penguinmails.crmsync.connector.support.AccessTokens;
import com.penguinmails.crmsync.connector.support.CrmChangeStream;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * One connection's Subscribe stream, kept running until closed. It asks for {@value #BATCH} events, hands each
 * response's events to the listener as one batch (notices and the last replay id), and asks for as many more once
 * the listener took them, so no more than {@value #BATCH} are ever in flight. When the stream ends it reconnects
 * after an exponential backoff (reset by each batch taken), resuming after the last replay id taken (CUSTOM) or at
 * the tip (LATEST) when there is none. UNAUTHENTICATED refreshes the token through the connection's OAuth path and
 * reconnects at once (after the backoff when a token refreshed within a minute was refused too); a stored replay id
 * Salesforce no longer accepts gives a batch of resync notices with no position, then the stream goes on from the
 * tip.
 */
final class ChangeSubscriber implements CrmChangeStream.Subscription {

    /** Events asked for at a time: the most one request counts for. */
    static final int BATCH = 100;

    /** A stream refused again this soon after a token refresh reconnects after the backoff, not at once. */
    static final java.time.Duration REFRESH_SPACING = java.time.Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(ChangeSubscriber.class);
    private static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("error-code",
            Metadata.ASCII_STRING_MARSHALLER);

    private final String name;
    private final String topic;
    private final ManagedChannel channel;
    private final PubSubGrpc.PubSubStub stub;
    private final AccessTokens tokens;
    private final CrmChangeStream.Listener listener;
    private final ChangeEventDecoder decoder;
    private final ExponentialBackOff backOffPolicy;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService scheduler;
    private BackOffExecution backOff;
    private volatile byte @Nullable [] position;
    private volatile String token = "";
    private volatile boolean closed;
    private volatile boolean connected;
    private volatile @Nullable StreamObserver<FetchRequest> requests;
    private volatile java.time.@Nullable Instant lastRefresh;

    /**
     * @param name        the connection's name, for logs
     * @param instanceUrl the org's instance URL, looked up at each call
     */
    ChangeSubscriber(String name, PubSubEndpoint endpoint, String topic, AccessTokens tokens,
                     Supplier<String> instanceUrl, String orgId, byte @Nullable [] resumeAfter,
                     CrmChangeStream.Listener listener, ExponentialBackOff backOffPolicy) {
        this.name = name;
        this.topic = topic;
        this.tokens = tokens;
        this.listener = listener;
        this.position = resumeAfter;
        this.backOffPolicy = backOffPolicy;
        this.backOff = backOffPolicy.start();
        this.channel = endpoint.channel();
        SessionMetadata session = new SessionMetadata(() -> token, instanceUrl, orgId);
        this.stub = PubSubGrpc.newStub(channel).withInterceptors(session);
        PubSubGrpc.PubSubBlockingStub schemas = PubSubGrpc.newBlockingStub(channel).withInterceptors(session);
        this.decoder = new ChangeEventDecoder(id -> schemas.withDeadlineAfter(30, TimeUnit.SECONDS)
                .getSchema(SchemaRequest.newBuilder().setSchemaId(id).build()).getSchemaJson());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "salesforce-cdc-" + name.replaceAll("[^A-Za-z0-9]+", "-"));
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        scheduler.execute(this::connect);
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public void close() {
        closed = true;
        StreamObserver<FetchRequest> current = requests;
        if (current != null) {
            try {
                current.onError(Status.CANCELLED.withDescription("subscription closed").asRuntimeException());
            } catch (RuntimeException ignored) {
                // the call already ended
            }
        }
        scheduler.shutdownNow();
        channel.shutdownNow();
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            token = tokens.current();
        } catch (CrmUnavailableException e) {
            log.warn("{}: change stream cannot get a token, retrying: {}", name, e.getMessage());
            retryLater();
            return;
        }
        byte[] after = position;
        FetchRequest.Builder first = FetchRequest.newBuilder().setTopicName(topic).setNumRequested(BATCH);
        if (after != null) {
            first.setReplayPreset(ReplayPreset.CUSTOM).setReplayId(ByteString.copyFrom(after));
        } else {
            first.setReplayPreset(ReplayPreset.LATEST);
        }
        StreamObserver<FetchRequest> call = stub.subscribe(new Responses());
        requests = call;
        connected = true;
        call.onNext(first.build());
    }

    private void retryLater() {
        if (closed) {
            return;
        }
        long wait = backOff.nextBackOff();
        try {
            scheduler.schedule(this::connect, wait == BackOffExecution.STOP ? backOffPolicy.getMaxInterval() : wait,
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed meanwhile
        }
    }

    private void reconnectNow() {
        if (!closed) {
            try {
                scheduler.execute(this::connect);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // closed meanwhile
            }
        }
    }

    /** The answers of one Subscribe call. */
    private final class Responses implements StreamObserver<FetchResponse> {

        private boolean refused;

        @Override
        public void onNext(FetchResponse response) {
            if (closed || refused || response.getEventsCount() == 0) {
                return;
            }
            List<CrmChangeNotice> notices = new ArrayList<>();
            byte[] last = null;
            try {
                for (ConsumerEvent consumed : response.getEventsList()) {
                    notices.addAll(ChangeNotices.of(decoder.decode(consumed)));
                    last = consumed.getReplayId().toByteArray();
                }
                listener.accept(new CrmChangeStream.Batch(notices, last));
            } catch (RuntimeException e) {
                refused = true;
                log.warn("{}: a batch of {} change events was not taken, resubscribing: {}", name,
                        response.getEventsCount(), e.getMessage());
                StreamObserver<FetchRequest> call = requests;
                if (call != null) {
                    call.onError(Status.CANCELLED.withDescription("batch not taken").asRuntimeException());
                }
                return;
            }
            position = last;
            backOff = backOffPolicy.start();
            StreamObserver<FetchRequest> call = requests;
            if (call != null) {
                call.onNext(FetchRequest.newBuilder().setNumRequested(response.getEventsCount()).build());
            }
        }

        @Override
        public void onError(Throwable t) {
            connected = false;
            if (closed) {
                return;
            }
            Status status = Status.fromThrowable(t);
            Metadata trailers = Status.trailersFromThrowable(t);
            String code = trailers == null ? null : trailers.get(ERROR_CODE);
            if (status.getCode() == Status.Code.UNAUTHENTICATED) {
                try {
                    boolean refusedAgain = lastRefresh != null
                            && clock.instant().isBefore(lastRefresh.plus(REFRESH_SPACING));
                    token = tokens.refreshAfterRejection(token);
                    lastRefresh = clock.instant();
                    if (refusedAgain) { // a fresh token refused too: back off rather than loop on the OAuth endpoint
                        retryLater();
                    } else {
                        reconnectNow();
                    }
                } catch (CrmUnavailableException e) {
                    log.warn("{}: change stream refused and the token cannot be refreshed: {}", name,
                            e.getMessage());
                    retryLater();
                }
            } else if (code != null && code.contains("replayid")) {
                log.warn("{}: Salesforce no longer resumes after the stored replay id ({}): resync, then from the "
                        + "newest events", name, code);
                try {
                    listener.accept(new CrmChangeStream.Batch(ChangeNotices.resyncAll("replay-rejected-"
                            + clock.millis(), clock.instant()), null));
                    position = null;
                    reconnectNow();
                } catch (RuntimeException e) {
                    retryLater();
                }
            } else {
                log.info("{}: change stream ended ({}), reconnecting", name, status.getCode());
                retryLater();
            }
        }

        @Override
        public void onCompleted() {
            connected = false;
            retryLater();
        }
    }
}
