package com.penguinmails.crmsync.connector.salesforce.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** Reading the ChangeEventHeader of an Avro change event with its schema, fetched once per schema id. */
class ChangeEventDecoderTest {

    private static final Schema HEADER = SchemaBuilder.record("ChangeEventHeader").namespace("com.sforce.eventbus")
            .fields()
            .requiredString("entityName")
            .name("recordIds").type().array().items().stringType().noDefault()
            .name("changeType").type().enumeration("ChangeType").symbols("CREATE", "UPDATE", "DELETE",
                    "GAP_OVERFLOW").noDefault()
            .requiredString("changeOrigin")
            .requiredString("transactionKey")
            .requiredInt("sequenceNumber")
            .requiredLong("commitTimestamp")
            .requiredString("commitUser")
            .requiredLong("commitNumber")
            .name("nulledFields").type().array().items().stringType().noDefault()
            .name("diffFields").type().array().items().stringType().noDefault()
            .name("changedFields").type().array().items().stringType().noDefault()
            .endRecord();
    private static final Schema EVENT = SchemaBuilder.record("ContactChangeEvent").namespace("com.sforce.eventbus")
            .fields()
            .name("ChangeEventHeader").type(HEADER).noDefault()
            .optionalString("LastName")
            .endRecord();

    private final AtomicInteger fetches = new AtomicInteger();
    private final ChangeEventDecoder decoder = new ChangeEventDecoder(id -> {
        fetches.incrementAndGet();
        assertThat(id).isEqualTo("schema-1");
        return EVENT.toString();
    });

    @Test
    void readsTheHeaderWithTheSchemaOfTheEventsSchemaId() throws IOException {
        ChangeEvent event = decoder.decode(consumed(payload("UPDATE", List.of("003A", "003B"),
                "com/salesforce/api/rest/64.0;client=x"), new byte[] {1, 2}));

        assertThat(event.entity()).isEqualTo("Contact");
        assertThat(event.changeType()).isEqualTo("UPDATE");
        assertThat(event.recordIds()).containsExactly("003A", "003B");
        assertThat(event.changeOrigin()).isEqualTo("com/salesforce/api/rest/64.0;client=x");
        assertThat(event.committedAt()).isEqualTo(Instant.ofEpochMilli(1_764_000_000_000L));
        assertThat(event.replayId()).containsExactly(1, 2);
    }

    @Test
    void fetchesEachSchemaOnce() throws IOException {
        decoder.decode(consumed(payload("CREATE", List.of("003A"), ""), new byte[] {1}));
        decoder.decode(consumed(payload("DELETE", List.of("003A"), ""), new byte[] {2}));

        assertThat(fetches).hasValue(1);
        assertThat(decoder.cachedSchemas()).isEqualTo(1);
    }

    @Test
    void aPayloadThatDoesNotReadIsRefusedNamingTheEvent() {
        assertThatThrownBy(() -> decoder.decode(consumed(new byte[] {(byte) 0xFF, 3}, new byte[] {3})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event-1");
    }

    private static ConsumerEvent consumed(byte[] payload, byte[] replayId) {
        return ConsumerEvent.newBuilder().setReplayId(ByteString.copyFrom(replayId))
                .setEvent(ProducerEvent.newBuilder().setId("event-1").setSchemaId("schema-1")
                        .setPayload(ByteString.copyFrom(payload))).build();
    }

    private static byte[] payload(String changeType, List<String> ids, String origin) throws IOException {
        GenericRecord header = new GenericData.Record(HEADER);
        header.put("entityName", "Contact");
        header.put("recordIds", ids);
        header.put("changeType", new GenericData.EnumSymbol(HEADER.getField("changeType").schema(), changeType));
        header.put("changeOrigin", origin);
        header.put("transactionKey", "tx");
        header.put("sequenceNumber", 1);
        header.put("commitTimestamp", 1_764_000_000_000L);
        header.put("commitUser", "005");
        header.put("commitNumber", 9L);
        header.put("nulledFields", List.of());
        header.put("diffFields", List.of());
        header.put("changedFields", List.of("0x04"));
        GenericRecord event = new GenericData.Record(EVENT);
        event.put("ChangeEventHeader", header);
        event.put("LastName", "Byron");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(EVENT).write(event, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
