package com.penguinmails.crmsync.connector.pipedrive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Pipedrive JSON to records and back: custom fields by name, option labels, deletions, unknown fields. */
class RecordMapperTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CONSENT = "a".repeat(40);
    private static final String PM_ID = "b".repeat(40);
    private static final FieldDef CONSENT_FIELD = new FieldDef(CONSENT, "Consent", "enum", true,
            Map.of(101L, "Subscribed", 102L, "Unsubscribed"));
    private static final FieldDef PM_ID_FIELD = new FieldDef(PM_ID, "PenguinMails Id", "varchar", true, Map.of());
    private static final AccountFields.Catalog CATALOG = catalog(
            new FieldDef("name", "Name", "varchar", false, Map.of()),
            new FieldDef("update_time", "Update time", "date", false, Map.of()), CONSENT_FIELD, PM_ID_FIELD);

    private final RecordMapper mapper = new RecordMapper(JSON);

    @Test
    void readsCustomFieldsByNameWithOptionLabels() {
        // given
        var item = JSON.readTree("{\"id\": 5, \"name\": \"Ada\", \"update_time\": \"2026-01-02T03:04:05Z\","
                + " \"is_deleted\": false, \"custom_fields\": {\"" + CONSENT + "\": 102, \"" + PM_ID + "\": \"pm-5\"}}");

        // when
        CrmRecord record = mapper.fromWire(ObjectType.CONTACT, item, CATALOG, PM_ID_FIELD);

        // then
        assertThat(record.crmId()).isEqualTo("5");
        assertThat(record.externalId()).isEqualTo("pm-5");
        assertThat(record.modifiedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(record.fields()).containsEntry("custom:Consent", "Unsubscribed").containsEntry("name", "Ada")
                .doesNotContainKeys("custom_fields", "id", "is_deleted");
    }

    @Test
    void aDeletedRecordIsADeletion() {
        var item = JSON.readTree("{\"id\": 6, \"update_time\": \"2026-01-02T03:04:05Z\", \"is_deleted\": true}");
        assertThat(mapper.fromWire(ObjectType.CONTACT, item, CATALOG, null).deleted()).isTrue();
    }

    @Test
    void writesLabelsAsOptionIdsAndTheExternalIdIntoItsField() {
        // given
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "Ada");
        fields.put("custom:Consent", "Subscribed");
        fields.put("update_time", "2026-01-01");
        fields.put("shoe_size", 44);

        // when
        RecordMapper.WireBody body = mapper.toWire(fields, CATALOG, PM_ID_FIELD, "pm-9");

        // then
        assertThat(body.body().path("name").asString()).isEqualTo("Ada");
        assertThat(body.body().path("custom_fields").path(CONSENT).asLong()).isEqualTo(101);
        assertThat(body.body().path("custom_fields").path(PM_ID).asString()).isEqualTo("pm-9");
        assertThat(body.unknown()).containsExactly("shoe_size");
        assertThat(body.readOnly()).containsExactly("update_time");
        assertThat(body.valid()).isFalse();
    }

    private static AccountFields.Catalog catalog(FieldDef... fields) {
        Map<String, FieldDef> byKey = new LinkedHashMap<>();
        Map<String, FieldDef> byCode = new LinkedHashMap<>();
        for (FieldDef field : fields) {
            byKey.put(field.recordKey(), field);
            byCode.put(field.code(), field);
        }
        return new AccountFields.Catalog(List.of(fields), byKey, byCode);
    }
}
