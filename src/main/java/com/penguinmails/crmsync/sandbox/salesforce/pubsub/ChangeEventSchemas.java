package com.penguinmails.crmsync.sandbox.salesforce.pubsub;

import com.penguinmails.crmsync.sandbox.salesforce.model.FieldDef;
import com.penguinmails.crmsync.sandbox.salesforce.model.ObjectDef;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;

/**
 * The Avro schema of each entity's change event, as Salesforce shapes it: record {@code com.sforce.eventbus.
 * <Entity>ChangeEvent} whose first field is the {@code ChangeEventHeader} and whose other fields are the object's
 * fields, each a union with null (null when unchanged); text, ids and picklists as string, booleans as boolean,
 * numbers as double, date and date-time as long (epoch days, epoch milliseconds). A schema's id is its parsing
 * fingerprint (64-bit Rabin, hex), which GetSchema answers.
 */
final class ChangeEventSchemas {

    /** The entities with Change Data Capture selected, in channel order. */
    static final List<String> ENTITIES = List.of("Contact", "Lead", "Account");

    /** Fields an event body leaves out: the id travels in the header's recordIds. */
    private static final Set<String> NOT_IN_BODY = Set.of("Id", "IsDeleted", "SystemModstamp");

    static final Schema HEADER = SchemaBuilder.record("ChangeEventHeader").namespace("com.sforce.eventbus").fields()
            .requiredString("entityName")
            .name("recordIds").type().array().items().stringType().noDefault()
            .name("changeType").type().enumeration("ChangeType").namespace("com.sforce.eventbus").symbols("CREATE",
                    "UPDATE", "DELETE", "UNDELETE", "GAP_CREATE", "GAP_UPDATE", "GAP_DELETE", "GAP_UNDELETE",
                    "GAP_OVERFLOW", "SNAPSHOT").noDefault()
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

    /** One entity's event schema and its id. */
    record EntitySchema(String entity, Schema schema, String schemaId) {

        /** The top-level position of a field of the event (the header is 0), if the body carries it. */
        Optional<Integer> position(String field) {
            Schema.Field f = schema.getField(field);
            return f == null ? Optional.empty() : Optional.of(f.pos());
        }
    }

    private final Map<String, EntitySchema> byEntity = new LinkedHashMap<>();
    private final Map<String, EntitySchema> byId = new LinkedHashMap<>();

    ChangeEventSchemas(com.penguinmails.crmsync.sandbox.salesforce.model.Schema org) {
        for (String entity : ENTITIES) {
            ObjectDef object = org.object(entity).orElseThrow();
            Schema schema = build(object);
            String id = HexFormat.of().toHexDigits(SchemaNormalization.parsingFingerprint64(schema));
            EntitySchema entitySchema = new EntitySchema(entity, schema, id);
            byEntity.put(entity, entitySchema);
            byId.put(id, entitySchema);
        }
    }

    Optional<EntitySchema> ofEntity(String entity) {
        return Optional.ofNullable(byEntity.get(entity));
    }

    Optional<EntitySchema> ofId(String schemaId) {
        return Optional.ofNullable(byId.get(schemaId));
    }

    private static Schema build(ObjectDef object) {
        List<Schema.Field> fields = new ArrayList<>();
        fields.add(new Schema.Field("ChangeEventHeader", HEADER));
        for (FieldDef field : object.fields()) {
            if (NOT_IN_BODY.contains(field.name())) {
                continue;
            }
            fields.add(new Schema.Field(field.name(), Schema.createUnion(Schema.create(Schema.Type.NULL),
                    Schema.create(avroType(field))), null, Schema.Field.NULL_DEFAULT_VALUE));
        }
        return Schema.createRecord(object.name() + "ChangeEvent", null, "com.sforce.eventbus", false, fields);
    }

    private static Schema.Type avroType(FieldDef field) {
        return switch (field.type()) {
            case BOOLEAN -> Schema.Type.BOOLEAN;
            case DOUBLE -> Schema.Type.DOUBLE;
            case DATE, DATETIME -> Schema.Type.LONG;
            default -> Schema.Type.STRING;
        };
    }
}
