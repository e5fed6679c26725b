package com.penguinmails.crmsync.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Contract of {@code /api/v2/persons}: add, get, update, soft delete, validation and custom fields. */
class PipedrivePersonsIT {

    private PipedriveSandbox sandbox;
    private PipedriveHttp api;
    private String leadScore;
    private String penguinId;

    @BeforeEach
    void start() {
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.ENTERPRISE)
                .withSeedContacts(20));
        api = PipedriveHttp.withApiToken(sandbox);
        @SuppressWarnings("unchecked")
        Map<String, Object> custom = (Map<String, Object>) sandbox.info().get("customFields");
        leadScore = (String) custom.get("personLeadScore");
        penguinId = (String) custom.get("personPenguinMailsId");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void addReturnsThePersonInTheV2ShapeWithDerivedNamesAndTimes() {
        // given
        String body = """
                {"name": "Ada Lovelace", "org_id": 1, "emails": [{"value": "ada@analytical.example", "label": "work"}],
                 "phones": [{"value": "+44 20 7946 0000", "primary": true, "label": "mobile"}],
                 "custom_fields": {"%s": 87.5, "%s": "pm-42"}}""".formatted(leadScore, penguinId);

        // when
        PipedriveHttp.Answer answer = api.post("/api/v2/persons", body);

        // then
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("success").asBoolean()).isTrue();
        JsonNode person = answer.json().get("data");
        assertThat(person.get("id").asLong()).isEqualTo(21);
        assertThat(person.get("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(person.get("first_name").asString()).isEqualTo("Ada");
        assertThat(person.get("last_name").asString()).isEqualTo("Lovelace");
        assertThat(person.get("org_id").asLong()).isEqualTo(1);
        assertThat(person.get("owner_id").asLong()).isPositive();
        assertThat(person.get("emails").get(0).get("value").asString()).isEqualTo("ada@analytical.example");
        assertThat(person.get("emails").get(0).get("primary").asBoolean()).isTrue();
        assertThat(person.get("phones").get(0).get("label").asString()).isEqualTo("mobile");
        assertThat(person.get("is_deleted").asBoolean()).isFalse();
        assertThat(person.get("add_time").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(person.get("update_time").asString()).isEqualTo(person.get("add_time").asString());
        assertThat(person.get("custom_fields").get(leadScore).asDouble()).isEqualTo(87.5);
        assertThat(person.get("custom_fields").get(penguinId).asString()).isEqualTo("pm-42");
        assertThat(api.get("/api/v2/persons/21").json().get("data")).isEqualTo(person);
    }

    @Test
    void patchChangesOnlyTheGivenFieldsAndMovesUpdateTimeWithTheSandboxClock() {
        // given
        JsonNode before = api.get("/api/v2/persons/3").json().get("data");
        sandbox.server().clock().advance(Duration.ofMinutes(5));

        // when
        PipedriveHttp.Answer answer = api.patch("/api/v2/persons/3",
                "{\"name\": \"Grace Hopper\", \"custom_fields\": {\"" + leadScore + "\": null}}");

        // then
        assertThat(answer.status()).isEqualTo(200);
        JsonNode after = answer.json().get("data");
        assertThat(after.get("name").asString()).isEqualTo("Grace Hopper");
        assertThat(after.get("last_name").asString()).isEqualTo("Hopper");
        assertThat(after.get("emails")).isEqualTo(before.get("emails"));
        assertThat(after.get("custom_fields").get(leadScore).isNull()).isTrue();
        assertThat(after.get("add_time")).isEqualTo(before.get("add_time"));
        assertThat(after.get("update_time").asString()).isGreaterThan(before.get("update_time").asString());
    }

    @Test
    void deleteIsSoftTheRecordLeavesListsAndIsPurgedAfterThirtyDays() {
        // when
        PipedriveHttp.Answer deleted = api.delete("/api/v2/persons/5");

        // then
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("data").get("id").asLong()).isEqualTo(5);
        assertThat(api.get("/api/v2/persons/5").json().get("data").get("is_deleted").asBoolean()).isTrue();
        assertThat(api.get("/api/v2/persons?ids=4,5,6").json().get("data"))
                .extracting(p -> p.get("id").asLong()).containsExactly(4L, 6L);
        assertThat(api.patch("/api/v2/persons/5", "{\"name\": \"Back\"}").status()).isEqualTo(404);
        assertThat(api.delete("/api/v2/persons/5").status()).isEqualTo(404);

        // when thirty days pass
        sandbox.server().clock().advance(Duration.ofDays(30));

        // then
        PipedriveHttp.Answer purged = api.get("/api/v2/persons/5");
        assertThat(purged.status()).isEqualTo(404);
        assertThat(purged.json().get("success").asBoolean()).isFalse();
        assertThat(purged.json().get("error").asString()).isEqualTo("Person not found");
    }

    @Test
    void unknownAndReadOnlyParametersAreRejected() {
        // when
        PipedriveHttp.Answer unknown = api.post("/api/v2/persons", "{\"name\": \"X Y\", \"email\": \"x@y.example\"}");
        PipedriveHttp.Answer readOnly = api.patch("/api/v2/persons/1", "{\"first_name\": \"X\"}");

        // then
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("success").asBoolean()).isFalse();
        assertThat(unknown.json().get("code").asString()).isEqualTo("ERR_SCHEMA_VALIDATION_FAILED");
        assertThat(unknown.json().get("error").asString()).contains("'email'");
        assertThat(unknown.json().has("error_info")).isTrue();
        assertThat(readOnly.status()).isEqualTo(400);
    }

    @Test
    void missingNameWrongTypesLongValuesAndBadLinksAreRejected() {
        assertThat(api.post("/api/v2/persons", "{\"emails\": [{\"value\": \"a@b.example\"}]}").status())
                .isEqualTo(400);
        assertThat(api.post("/api/v2/persons", "{\"name\": 42}").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/persons", "{\"name\": \"" + "x".repeat(256) + "\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/persons", "{\"name\": \"A B\", \"org_id\": \"1\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/persons", "{\"name\": \"A B\", \"org_id\": 999}").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/persons", "{\"name\": \"A B\", \"owner_id\": 1}").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/persons", "{\"name\": \"A B\", \"emails\": \"a@b.example\"}").status())
                .isEqualTo(400);
        assertThat(api.post("/api/v2/persons",
                "{\"name\": \"A B\", \"emails\": [{\"value\": \"a@b.example\", \"label\": \"office\"}]}").status())
                .isEqualTo(400);
        assertThat(api.post("/api/v2/persons", "{\"name\": \"A B\", \"visible_to\": 2}").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/persons", "not json").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/persons", "{}").json().get("error").asString()).contains("'name'");
    }

    @Test
    void customFieldsWithAnUnknownKeyOrTheWrongTypeAreRejected() {
        // when
        PipedriveHttp.Answer unknownKey = api.patch("/api/v2/persons/1",
                "{\"custom_fields\": {\"0123456789abcdef0123456789abcdef01234567\": 1}}");
        PipedriveHttp.Answer wrongType = api.patch("/api/v2/persons/1",
                "{\"custom_fields\": {\"" + leadScore + "\": \"high\"}}");
        PipedriveHttp.Answer tooLong = api.patch("/api/v2/persons/1",
                "{\"custom_fields\": {\"" + penguinId + "\": \"" + "x".repeat(256) + "\"}}");

        // then
        assertThat(unknownKey.status()).isEqualTo(400);
        assertThat(unknownKey.json().get("code").asString()).isEqualTo("ERR_SCHEMA_VALIDATION_FAILED");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("error").asString()).contains(leadScore);
        assertThat(tooLong.status()).isEqualTo(400);
    }

    @Test
    void customFieldKeysAreFortyHexCharactersListedByTheFieldsEndpoints() {
        // when
        JsonNode v2 = api.get("/api/v2/personFields").json();
        JsonNode v1 = api.get("/api/v1/personFields").json();

        // then
        assertThat(leadScore).matches("[0-9a-f]{40}");
        assertThat(v2.get("data")).anySatisfy(field -> {
            assertThat(field.get("field_code").asString()).isEqualTo(leadScore);
            assertThat(field.get("field_name").asString()).isEqualTo("PenguinMails Lead Score");
            assertThat(field.get("field_type").asString()).isEqualTo("double");
            assertThat(field.get("is_custom_field").asBoolean()).isTrue();
        });
        assertThat(v2.get("additional_data").get("next_cursor").isNull()).isTrue();
        assertThat(api.get("/api/v2/personFields/" + penguinId).json().get("data").get("field_type").asString())
                .isEqualTo("varchar");
        assertThat(v1.get("data")).anySatisfy(field -> {
            assertThat(field.get("key").asString()).isEqualTo(penguinId);
            assertThat(field.get("name").asString()).isEqualTo("PenguinMails Id");
        });
        assertThat(v1.get("additional_data").get("pagination").has("more_items_in_collection")).isTrue();
        assertThat(api.get("/api/v2/organizationFields").json().get("data"))
                .anySatisfy(f -> assertThat(f.get("field_name").asString()).isEqualTo("PenguinMails Company Id"));
    }

    @Test
    void customFieldsParameterLimitsTheKeysReturnedToAtMostFifteen() {
        // when
        JsonNode one = api.get("/api/v2/persons/1?custom_fields=" + penguinId).json().get("data");
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            keys.append(i == 0 ? "" : ",").append(String.format("%040x", i));
        }

        // then
        assertThat(one.get("custom_fields").propertyNames()).containsExactly(penguinId);
        assertThat(api.get("/api/v2/persons?custom_fields=" + keys).status()).isEqualTo(400);
    }

    @Test
    void unknownIdsAndRoutesAnswerPipedrivesNotFound() {
        assertThat(api.get("/api/v2/persons/9999").status()).isEqualTo(404);
        assertThat(api.get("/api/v2/persons/abc").status()).isEqualTo(400);
        PipedriveHttp.Answer unknown = api.get("/api/v2/nothing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("success").asBoolean()).isFalse();
    }
}
