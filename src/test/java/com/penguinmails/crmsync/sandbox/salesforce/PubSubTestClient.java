package com.penguinmails.crmsync.sandbox.salesforce;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.jspecify.annotations.Nullable;

/** Test helper: a plain gRPC client of the sandbox's Pub/Sub API (generated stubs only), with session metadata. */
final class PubSubTestClient implements AutoCloseable {

    static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;
    private final SalesforceSandbox sandbox;

    PubSubTestClient(SalesforceSandbox sandbox) {
        this.sandbox = sandbox;
        this.channel = Grpc.newChannelBuilderForAddress("127.0.0.1", (Integer) sandbox.info().get("pubSubPort"),
                InsecureChannelCredentials.create()).build();
    }

    /** The session metadata of the sandbox's ready token. */
    Metadata session() {
        return session((String) sandbox.info().get("accessToken"), (String) sandbox.info().get("organizationId"));
    }

    Metadata session(@Nullable String token, String tenant) {
        Metadata metadata = new Metadata();
        if (token != null) {
            metadata.put(Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER), token);
        }
        metadata.put(Metadata.Key.of("instanceurl", Metadata.ASCII_STRING_MARSHALLER),
                (String) sandbox.info().get("instanceUrl"));
        metadata.put(Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER), tenant);
        return metadata;
    }

    PubSubGrpc.PubSubBlockingStub blocking(Metadata session) {
        return PubSubGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(session))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** Opens a Subscribe stream with the sandbox's token. */
    Stream subscribe(String topic, ReplayPreset preset, byte @Nullable [] replayId, int numRequested) {
        return subscribe(session(), topic, preset, replayId, numRequested);
    }

    Stream subscribe(Metadata session, String topic, ReplayPreset preset, byte @Nullable [] replayId,
                     int numRequested) {
        Stream stream = new Stream();
        stream.requests = PubSubGrpc.newStub(channel).withInterceptors(
                MetadataUtils.newAttachHeadersInterceptor(session)).subscribe(stream);
        FetchRequest.Builder first = FetchRequest.newBuilder().setTopicName(topic).setReplayPreset(preset)
                .setNumRequested(numRequested);
        if (replayId != null) {
            first.setReplayId(ByteString.copyFrom(replayId));
        }
        stream.requests.onNext(first.build());
        return stream;
    }

    /** The event's record, read with the schema GetSchema answers for its id. */
    GenericRecord decode(ConsumerEvent event) throws IOException {
        return decode(event, session());
    }

    GenericRecord decode(ConsumerEvent event, Metadata session) throws IOException {
        String json = blocking(session).getSchema(SchemaRequest.newBuilder()
                .setSchemaId(event.getEvent().getSchemaId()).build()).getSchemaJson();
        Schema schema = new Schema.Parser().parse(json);
        return new GenericDatumReader<GenericRecord>(schema).read(null, DecoderFactory.get()
                .binaryDecoder(event.getEvent().getPayload().toByteArray(), null));
    }

    static GenericRecord header(GenericRecord event) {
        return (GenericRecord) event.get("ChangeEventHeader");
    }

    static List<String> strings(Object avroArray) {
        List<String> values = new ArrayList<>();
        ((Iterable<?>) avroArray).forEach(v -> values.add(v.toString()));
        return values;
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }

    /** One Subscribe call: its responses as they come, and how it ended. */
    static final class Stream implements StreamObserver<FetchResponse> {
        final BlockingQueue<FetchResponse> responses = new LinkedBlockingQueue<>();
        final CompletableFuture<Status> ended = new CompletableFuture<>();
        @Nullable Metadata trailers;
        StreamObserver<FetchRequest> requests;

        void request(int n) {
            requests.onNext(FetchRequest.newBuilder().setNumRequested(n).build());
        }

        /** The next {@code count} events (across responses), failing after {@code wait}. */
        List<ConsumerEvent> events(int count, Duration wait) throws InterruptedException {
            List<ConsumerEvent> events = new ArrayList<>();
            long deadline = System.nanoTime() + wait.toNanos();
            while (events.size() < count) {
                FetchResponse response = responses.poll(Math.max(1, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                if (response == null) {
                    throw new AssertionError("got " + events.size() + " of " + count + " events; stream ended: "
                            + ended.getNow(null));
                }
                events.addAll(response.getEventsList());
            }
            return events;
        }

        Status endStatus() throws Exception {
            return ended.get(10, TimeUnit.SECONDS);
        }

        void cancel() {
            requests.onError(Status.CANCELLED.asRuntimeException());
        }

        @Override
        public void onNext(FetchResponse response) {
            responses.add(response);
        }

        @Override
        public void onError(Throwable t) {
            trailers = Status.trailersFromThrowable(t);
            ended.complete(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            ended.complete(Status.OK);
        }
    }
}
