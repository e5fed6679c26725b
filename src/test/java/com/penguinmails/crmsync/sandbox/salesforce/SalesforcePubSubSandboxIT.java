package com.penguinmails.crmsync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicInfo;
import com.salesforce.eventbus.protobuf.TopicRequest;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.sobject.SObject;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's Pub/Sub API as the official proto's stubs see it: topics and schemas, change events of REST and SOAP
 * writes (header, changeOrigin with the caller's client id, changed-field bitmaps), flow control, replay presets,
 * 72-hour retention, session auth and GAP events on demand.
 */
class SalesforcePubSubSandboxIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CONTACTS = "/data/ContactChangeEvent";

    private static SalesforceSandbox sandbox;
    private static SandboxHttp http;
    private static PubSubTestClient pubSub;

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withSeedContacts(5));
        http = new SandboxHttp(sandbox);
        pubSub = new PubSubTestClient(sandbox);
    }

    @AfterAll
    static void stop() {
        pubSub.close();
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        http.control("reset", "");
    }

    @Test
    void getTopicNamesTheChannelsSchemaAndGetSchemaAnswersItsAvroJson() {
        // when
        TopicInfo topic = pubSub.blocking(pubSub.session()).getTopic(TopicRequest.newBuilder()
                .setTopicName(CONTACTS).build());
        Schema schema = new Schema.Parser().parse(pubSub.blocking(pubSub.session()).getSchema(SchemaRequest
                .newBuilder().setSchemaId(topic.getSchemaId()).build()).getSchemaJson());

        // then
        assertThat(topic.getCanSubscribe()).isTrue();
        assertThat(topic.getCanPublish()).isFalse();
        assertThat(topic.getTenantGuid()).isEqualTo(sandbox.info().get("organizationId"));
        assertThat(schema.getFullName()).isEqualTo("com.sforce.eventbus.ContactChangeEvent");
        assertThat(schema.getFields().get(0).name()).isEqualTo("ChangeEventHeader");
        assertThat(schema.getField("Email").schema().getTypes()).extracting(Schema::getType)
                .containsExactly(Schema.Type.NULL, Schema.Type.STRING);
        assertThat(sandbox.info()).containsKeys("pubSubPort", "pubSubEndpoint", "changeEventTopics");
        assertThatThrownBy(() -> pubSub.blocking(pubSub.session()).getTopic(TopicRequest.newBuilder()
                .setTopicName("/data/OpportunityChangeEvent").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void restWritesPublishChangeEventsNamingTheCallersClientAndTheChangedFields() throws Exception {
        // given
        PubSubTestClient.Stream stream = pubSub.subscribe(CONTACTS, ReplayPreset.LATEST, null, 10);
        awaitSubscribed();

        // when
        String id = SandboxHttp.json(rest("POST", "/sobjects/Contact", "{\"LastName\":\"Lovelace\","
                + "\"Email\":\"ada@example.com\"}").body()).get("id").asString();
        rest("PATCH", "/sobjects/Contact/" + id, "{\"LastName\":\"Byron\",\"Email\":null}");
        List<ConsumerEvent> events = stream.events(2, WAIT);

        // then
        GenericRecord created = pubSub.decode(events.get(0));
        GenericRecord updated = pubSub.decode(events.get(1));
        GenericRecord header = PubSubTestClient.header(updated);
        assertThat(PubSubTestClient.header(created).get("changeType").toString()).isEqualTo("CREATE");
        assertThat(PubSubTestClient.strings(PubSubTestClient.header(created).get("changedFields"))).isEmpty();
        assertThat(created.get("Email").toString()).isEqualTo("ada@example.com");
        assertThat(header.get("entityName").toString()).isEqualTo("Contact");
        assertThat(header.get("changeType").toString()).isEqualTo("UPDATE");
        assertThat(PubSubTestClient.strings(header.get("recordIds"))).containsExactly(id);
        assertThat(header.get("changeOrigin").toString()).isEqualTo("com/salesforce/api/rest/64.0;client=pm-test");
        assertThat(updated.get("LastName").toString()).isEqualTo("Byron");
        assertThat(updated.get("FirstName")).isNull();
        Schema schema = updated.getSchema();
        assertThat(fields(schema, PubSubTestClient.strings(header.get("changedFields"))))
                .containsExactlyInAnyOrder("LastName", "Email", "LastModifiedDate");
        assertThat(fields(schema, PubSubTestClient.strings(header.get("nulledFields")))).containsExactly("Email");
        assertThat(events.get(1).getReplayId().toByteArray()).isNotEqualTo(events.get(0).getReplayId()
                .toByteArray());
    }

    @Test
    void soapWritesNameTheirCallOptionsClientAndDeletesArePublished() throws Exception {
        // given
        PubSubTestClient.Stream stream = pubSub.subscribe("/data/ChangeEvents", ReplayPreset.LATEST, null, 10);
        awaitSubscribed();
        PartnerConnection partner = http.partner((String) sandbox.info().get("accessToken"));
        partner.setCallOptions("soap-tool", null);
        SObject lead = new SObject("Lead");
        lead.setField("LastName", "Hopper");
        lead.setField("Company", "Navy");

        // when
        String id = partner.create(new SObject[] {lead})[0].getId();
        partner.delete(new String[] {id});
        List<ConsumerEvent> events = stream.events(2, WAIT);

        // then
        GenericRecord created = PubSubTestClient.header(pubSub.decode(events.get(0)));
        GenericRecord deleted = PubSubTestClient.header(pubSub.decode(events.get(1)));
        assertThat(created.get("entityName").toString()).isEqualTo("Lead");
        assertThat(created.get("changeOrigin").toString()).isEqualTo("com/salesforce/api/soap/64.0;client=soap-tool");
        assertThat(deleted.get("changeType").toString()).isEqualTo("DELETE");
        assertThat(PubSubTestClient.strings(deleted.get("recordIds"))).containsExactly(id);
    }

    @Test
    void bulkIngestWritesNameTheClientTheJobWasCreatedWith() throws Exception {
        // given
        PubSubTestClient.Stream stream = pubSub.subscribe(CONTACTS, ReplayPreset.LATEST, null, 10);
        awaitSubscribed();
        String jobId = SandboxHttp.json(rest("POST", "/jobs/ingest", "{\"object\":\"Contact\",\"operation\":"
                + "\"insert\",\"lineEnding\":\"LF\"}").body()).get("id").asString();
        String token = (String) sandbox.info().get("accessToken");
        http.csv("/services/data/v64.0/jobs/ingest/" + jobId + "/batches", token, "LastName\nBulk1\nBulk2\n");

        // when: the job closes and is looked at until processed (the sandbox processes on look)
        http.json("PATCH", "/services/data/v64.0/jobs/ingest/" + jobId, token, "{\"state\":\"UploadComplete\"}");
        for (int look = 0; look < 3; look++) {
            http.get("/services/data/v64.0/jobs/ingest/" + jobId, token);
        }
        List<ConsumerEvent> events = stream.events(2, WAIT);

        // then
        for (ConsumerEvent event : events) {
            assertThat(PubSubTestClient.header(pubSub.decode(event)).get("changeOrigin").toString())
                    .isEqualTo("com/salesforce/api/bulkapi/64.0;client=pm-test");
        }
        stream.cancel();
    }

    @Test
    void aStreamDeliversNoMoreEventsThanRequestedAndMoreWhenAskedAgain() throws Exception {
        // given: five changes on the bus
        List<String> ids = createContacts(5);

        // when
        PubSubTestClient.Stream stream = pubSub.subscribe(CONTACTS, ReplayPreset.EARLIEST, null, 2);
        List<ConsumerEvent> first = stream.events(2, WAIT);
        Thread.sleep(300);
        boolean quietWhileNothingRequested = stream.responses.isEmpty();
        stream.request(500); // counts as 100
        List<ConsumerEvent> rest = stream.events(3, WAIT);

        // then
        assertThat(quietWhileNothingRequested).isTrue();
        assertThat(recordIds(first)).containsExactlyElementsOf(ids.subList(0, 2));
        assertThat(recordIds(rest)).containsExactlyElementsOf(ids.subList(2, 5));
        stream.cancel();
    }

    @Test
    void customReplayResumesRightAfterTheStoredReplayId() throws Exception {
        // given
        List<String> ids = createContacts(4);
        PubSubTestClient.Stream earliest = pubSub.subscribe(CONTACTS, ReplayPreset.EARLIEST, null, 100);
        byte[] second = earliest.events(4, WAIT).get(1).getReplayId().toByteArray();
        earliest.cancel();

        // when
        PubSubTestClient.Stream resumed = pubSub.subscribe(CONTACTS, ReplayPreset.CUSTOM, second, 100);

        // then
        assertThat(recordIds(resumed.events(2, WAIT))).containsExactlyElementsOf(ids.subList(2, 4));
        resumed.cancel();
    }

    @Test
    void eventsOlderThanTheRetentionAreGoneAndTheirReplayIdIsRefusedWithAnErrorTrailer() throws Exception {
        // given: an event, then 73 hours, then another
        createContacts(1);
        PubSubTestClient.Stream first = pubSub.subscribe(CONTACTS, ReplayPreset.EARLIEST, null, 100);
        byte[] old = first.events(1, WAIT).get(0).getReplayId().toByteArray();
        first.cancel();
        sandbox.server().clock().advance(Duration.ofHours(73));
        String fresh = freshToken();
        String recent = SandboxHttp.json(http.json("POST", "/services/data/v64.0/sobjects/Contact", fresh,
                "{\"LastName\":\"Recent\"}").body()).get("id").asString();

        // when
        PubSubTestClient.Stream expired = pubSub.subscribe(session(fresh), CONTACTS, ReplayPreset.CUSTOM, old, 100);
        PubSubTestClient.Stream earliest = pubSub.subscribe(session(fresh), CONTACTS, ReplayPreset.EARLIEST, null,
                100);

        // then
        assertThat(expired.endStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(expired.trailers.get(PubSubTestClient.ERROR_CODE)).endsWith("replayid.validation.failed");
        GenericRecord only = pubSub.decode(earliest.events(1, WAIT).get(0), session(fresh));
        assertThat(PubSubTestClient.strings(PubSubTestClient.header(only).get("recordIds"))).containsExactly(recent);
        assertThat(earliest.responses).isEmpty();
        earliest.cancel();
    }

    @Test
    void callsWithoutAValidSessionForThisOrgAreUnauthenticated() throws Exception {
        // given
        String org = (String) sandbox.info().get("organizationId");
        String token = (String) sandbox.info().get("accessToken");

        // when
        PubSubTestClient.Stream noToken = pubSub.subscribe(pubSub.session(null, org), CONTACTS,
                ReplayPreset.LATEST, null, 1);
        PubSubTestClient.Stream otherOrg = pubSub.subscribe(pubSub.session(token, "00D000000000001AAA"), CONTACTS,
                ReplayPreset.LATEST, null, 1);
        sandbox.server().clock().advance(Duration.ofHours(3));
        PubSubTestClient.Stream expired = pubSub.subscribe(pubSub.session(token, org), CONTACTS,
                ReplayPreset.LATEST, null, 1);

        // then
        assertThat(noToken.endStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(otherOrg.endStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(expired.endStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(expired.trailers.get(PubSubTestClient.ERROR_CODE)).contains("auth");
    }

    @Test
    void aStreamWhoseSessionExpiredEndsUnauthenticatedAtItsNextDelivery() throws Exception {
        // given
        PubSubTestClient.Stream stream = pubSub.subscribe(CONTACTS, ReplayPreset.LATEST, null, 10);
        awaitSubscribed();
        sandbox.server().clock().advance(Duration.ofHours(3));

        // when
        http.json("POST", "/services/data/v64.0/sobjects/Contact", freshToken(), "{\"LastName\":\"Late\"}");

        // then
        assertThat(stream.endStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void gapAndOverflowEventsAreEmittedOnDemand() throws Exception {
        // given
        List<String> ids = createContacts(2);
        PubSubTestClient.Stream stream = pubSub.subscribe(CONTACTS, ReplayPreset.LATEST, null, 10);
        awaitSubscribed();

        // when
        int gap = http.control("pubsub/events", "{\"entity\":\"Contact\",\"changeType\":\"GAP_UPDATE\","
                + "\"recordIds\":[\"" + ids.get(0) + "\",\"" + ids.get(1) + "\"]}").statusCode();
        int overflow = http.control("pubsub/events", "{\"entity\":\"Contact\",\"changeType\":\"GAP_OVERFLOW\"}")
                .statusCode();
        int bad = http.control("pubsub/events", "{\"entity\":\"Contact\",\"changeType\":\"UPDATE\"}").statusCode();
        List<ConsumerEvent> events = stream.events(2, WAIT);

        // then
        assertThat(List.of(gap, overflow, bad)).containsExactly(200, 200, 400);
        GenericRecord gapHeader = PubSubTestClient.header(pubSub.decode(events.get(0)));
        GenericRecord overflowHeader = PubSubTestClient.header(pubSub.decode(events.get(1)));
        assertThat(gapHeader.get("changeType").toString()).isEqualTo("GAP_UPDATE");
        assertThat(PubSubTestClient.strings(gapHeader.get("recordIds"))).containsExactlyElementsOf(ids);
        assertThat(overflowHeader.get("changeType").toString()).isEqualTo("GAP_OVERFLOW");
        assertThat(PubSubTestClient.strings(overflowHeader.get("recordIds"))).isEmpty();
        stream.cancel();
    }

    private java.net.http.HttpResponse<String> rest(String method, String path, String body) {
        java.net.http.HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(http.base()
                        + "/services/data/v64.0" + path))
                .header("Authorization", "Bearer " + sandbox.info().get("accessToken"))
                .header("Content-Type", "application/json")
                .header("Sforce-Call-Options", "client=pm-test")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return response;
    }

    private List<String> createContacts(int count) {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(SandboxHttp.json(rest("POST", "/sobjects/Contact", "{\"LastName\":\"C" + i + "\"}").body())
                    .get("id").asString());
        }
        return ids;
    }

    private List<String> recordIds(List<ConsumerEvent> events) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (ConsumerEvent event : events) {
            ids.addAll(PubSubTestClient.strings(PubSubTestClient.header(pubSub.decode(event)).get("recordIds")));
        }
        return ids;
    }

    /** The field names a bitmap list names, decoded as Salesforce documents: strip 0x, reverse bytes, bit set. */
    private static List<String> fields(Schema schema, List<String> bitmaps) {
        List<String> names = new java.util.ArrayList<>();
        for (String bitmap : bitmaps) {
            byte[] bytes = HexFormat.of().parseHex(bitmap.substring(2));
            for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
                byte b = bytes[i];
                bytes[i] = bytes[j];
                bytes[j] = b;
            }
            BitSet bits = BitSet.valueOf(bytes);
            bits.stream().forEach(pos -> names.add(schema.getFields().get(pos).name()));
        }
        return names;
    }

    private String freshToken() {
        return http.refresh((String) sandbox.info().get("refreshToken")).get("access_token").asString();
    }

    private io.grpc.Metadata session(String token) {
        return pubSub.session(token, (String) sandbox.info().get("organizationId"));
    }

    /** The Subscribe call is set up on the server before the test writes (LATEST starts at the tip then). */
    private static void awaitSubscribed() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(300);
    }
}
