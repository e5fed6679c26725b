package com.penguinmails.crmsync.sandbox.salesforce.pubsub;

import com.penguinmails.crmsync.sandbox.salesforce.model.ChangeCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.jspecify.annotations.Nullable;

/**
 * Turns committed record changes into Avro change events on the {@link ChangeEventLog}: one event per record change
 * of a CDC entity, header filled as Salesforce does ({@code transactionKey} shared by a transaction's events,
 * {@code sequenceNumber} their order in it, {@code changedFields}/{@code nulledFields} as bitmaps, empty on CREATE),
 * body fields the changed values, all others null. Also writes GAP and GAP_OVERFLOW events, which carry a header
 * only.
 */
final class ChangeEventPublisher {

    private final ChangeEventSchemas schemas;
    private final ChangeEventLog log;
    private final Clock clock;
    private final String integrationUser;
    private final AtomicLong commitNumber = new AtomicLong(10_000_000L);

    ChangeEventPublisher(ChangeEventSchemas schemas, ChangeEventLog log, Clock clock, String integrationUser) {
        this.schemas = schemas;
        this.log = log;
        this.clock = clock;
        this.integrationUser = integrationUser;
    }

    /** Publishes the events of one committed transaction. */
    void publish(ChangeCapture.Transaction transaction) {
        String transactionKey = UUID.randomUUID().toString();
        long commit = commitNumber.incrementAndGet();
        int sequence = 0;
        for (ChangeCapture.RecordChange change : transaction.changes()) {
            var entity = schemas.ofEntity(change.object().name());
            if (entity.isEmpty()) {
                continue;
            }
            ChangeEventSchemas.EntitySchema schema = entity.get();
            GenericRecord event = new GenericData.Record(schema.schema());
            event.put("ChangeEventHeader", header(schema, change.object().name(), List.of(change.recordId()),
                    change.kind().name(), transaction.origin(), transactionKey, ++sequence,
                    transaction.committedAt(), transaction.userId(), commit, change.changedFields(),
                    change.nulledFields()));
            change.values().forEach((field, value) -> {
                Schema.Field avroField = schema.schema().getField(field);
                if (avroField != null && value != null) {
                    event.put(field, avroValue(avroField.schema().getTypes().get(1).getType(), value));
                }
            });
            append(schema, event);
        }
    }

    /**
     * Publishes a GAP_* event for {@code recordIds} or, with {@code GAP_OVERFLOW}, an overflow event of the entity
     * (no ids), as Salesforce does when it cannot give a change's fields.
     *
     * @throws IllegalArgumentException for an entity without CDC or a change type that is not a gap
     */
    void publishGap(String entityName, String changeType, List<String> recordIds) {
        ChangeEventSchemas.EntitySchema schema = schemas.ofEntity(entityName).orElseThrow(
                () -> new IllegalArgumentException("entity " + entityName + " has no change events; expected one of "
                        + ChangeEventSchemas.ENTITIES));
        if (!changeType.startsWith("GAP_") || ChangeEventSchemas.HEADER.getField("changeType").schema()
                .getEnumSymbols().stream().noneMatch(changeType::equals)) {
            throw new IllegalArgumentException("changeType must be GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE "
                    + "or GAP_OVERFLOW, was " + changeType);
        }
        List<String> ids = changeType.equals("GAP_OVERFLOW") ? List.of() : recordIds;
        GenericRecord event = new GenericData.Record(schema.schema());
        event.put("ChangeEventHeader", header(schema, entityName, ids, changeType, "", UUID.randomUUID().toString(),
                1, clock.instant(), integrationUser, commitNumber.incrementAndGet(), List.of(), List.of()));
        append(schema, event);
    }

    private GenericRecord header(ChangeEventSchemas.EntitySchema schema, String entity, List<String> recordIds,
                                 String changeType, String origin, String transactionKey, int sequence,
                                 Instant committedAt, String user, long commit, List<String> changed,
                                 List<String> nulled) {
        Schema headerSchema = ChangeEventSchemas.HEADER;
        GenericRecord header = new GenericData.Record(headerSchema);
        header.put("entityName", entity);
        header.put("recordIds", recordIds);
        header.put("changeType", new GenericData.EnumSymbol(headerSchema.getField("changeType").schema(), changeType));
        header.put("changeOrigin", origin);
        header.put("transactionKey", transactionKey);
        header.put("sequenceNumber", sequence);
        header.put("commitTimestamp", committedAt.toEpochMilli());
        header.put("commitUser", user);
        header.put("commitNumber", commit);
        header.put("changedFields", bitmap(schema, changed));
        header.put("nulledFields", bitmap(schema, nulled));
        header.put("diffFields", List.of());
        return header;
    }

    private static List<String> bitmap(ChangeEventSchemas.EntitySchema schema, List<String> fields) {
        List<Integer> positions = new ArrayList<>();
        for (String field : fields) {
            schema.position(field).ifPresent(positions::add);
        }
        return positions.isEmpty() ? List.of() : List.of(FieldBitmap.encode(positions));
    }

    /** The value as the field's Avro type holds it; null when it has no such form (the field then reads unset). */
    private static @Nullable Object avroValue(Schema.Type type, Object value) {
        return switch (type) {
            case BOOLEAN -> value instanceof Boolean ? value : Boolean.valueOf(value.toString());
            case DOUBLE -> value instanceof Number number ? (Object) number.doubleValue() : null;
            case LONG -> value instanceof LocalDate date ? (Object) date.toEpochDay()
                    : value instanceof Instant instant ? (Object) instant.toEpochMilli()
                    : value instanceof Number number ? (Object) number.longValue() : null;
            default -> value.toString();
        };
    }

    private void append(ChangeEventSchemas.EntitySchema schema, GenericRecord event) {
        log.append(schema.entity(), schema.schemaId(), UUID.randomUUID().toString(), encode(schema.schema(), event));
    }

    private static byte[] encode(Schema schema, GenericRecord event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(schema).write(event, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
