package com.penguinmails.crmsync.connector.salesforce.cdc;

import com.salesforce.eventbus.protobuf.ConsumerEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads the {@code ChangeEventHeader} of a change event's Avro payload with the schema it was written with, fetched
 * by its id once ({@code GetSchema}) and cached: schemas change only when the object's fields do, and then get a new
 * id.
 */
final class ChangeEventDecoder {

    private final Function<String, String> schemaJsonById;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /** @param schemaJsonById the Avro schema (JSON) of a schema id, asked of Salesforce */
    ChangeEventDecoder(Function<String, String> schemaJsonById) {
        this.schemaJsonById = schemaJsonById;
    }

    /** @throws IllegalArgumentException when the payload does not read with its schema */
    ChangeEvent decode(ConsumerEvent consumed) {
        String schemaId = consumed.getEvent().getSchemaId();
        Schema schema = schemas.computeIfAbsent(schemaId, id -> new Schema.Parser().parse(schemaJsonById.apply(id)));
        GenericRecord record;
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(consumed.getEvent().getPayload().toByteArray(),
                    null);
            record = new GenericDatumReader<GenericRecord>(schema).read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("change event " + consumed.getEvent().getId() + " does not read with "
                    + "schema " + schemaId + ": " + e.getMessage(), e);
        }
        GenericRecord header = (GenericRecord) record.get("ChangeEventHeader");
        if (header == null) {
            throw new IllegalArgumentException("change event " + consumed.getEvent().getId() + " has no "
                    + "ChangeEventHeader");
        }
        List<String> ids = new ArrayList<>();
        Object recordIds = header.get("recordIds");
        if (recordIds instanceof Iterable<?> values) {
            values.forEach(id -> ids.add(String.valueOf(id)));
        }
        Object origin = header.get("changeOrigin");
        Object committed = header.get("commitTimestamp");
        return new ChangeEvent(consumed.getReplayId().toByteArray(), String.valueOf(header.get("entityName")),
                String.valueOf(header.get("changeType")), ids, origin == null ? "" : origin.toString(),
                committed instanceof Number millis ? Instant.ofEpochMilli(millis.longValue()) : Instant.EPOCH);
    }

    /** Schemas fetched so far (each id once). */
    int cachedSchemas() {
        return schemas.size();
    }
}
