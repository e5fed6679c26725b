package com.penguinmails.crmsync.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.WriteResult;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batch writes to HubSpot: call counts, idempotent replays, per-record refusals, opt-outs, faults. */
class HubSpotWritesIT {

    static final String UPSERT = "POST /crm/v3/objects/{objectType}/batch/upsert";
    static final String UPDATE = "POST /crm/v3/objects/{objectType}/batch/update";
    static final String CREATE = "POST /crm/v3/objects/{objectType}/batch/create";
    static final String UNSUBSCRIBE = "POST /communication-preferences/v3/unsubscribe";

    static List<CrmRecord> contacts(int count, String prefix) {
        return IntStream.range(0, count).mapToObj(i -> {
            Map<String, Object> fields = new HashMap<>();
            fields.put("email", prefix + i + "@penguin.example");
            fields.put("firstname", "Pat" + i);
            fields.put("penguinmails_lead_score", i % 100);
            return CrmRecord.toWrite(ObjectType.CONTACT, null, prefix + i + "@penguin.example", fields);
        }).toList();
    }

    @Test
    void a_thousand_contacts_take_ten_calls_and_a_replay_creates_no_duplicates() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults())) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);
            List<CrmRecord> records = contacts(1_000, "pat");

            // when
            List<WriteResult> first = hubspot.connector.upsert(ObjectType.CONTACT, records);
            long firstCalls = hubspot.calls(UPSERT);
            List<WriteResult> replay = hubspot.connector.upsert(ObjectType.CONTACT, records);

            // then
            assertThat(firstCalls).isEqualTo(10);
            assertThat(hubspot.totalCalls()).isEqualTo(20);
            assertThat(first).allSatisfy(r -> assertThat(r.success()).isTrue()).extracting(WriteResult::created)
                    .containsOnly(true);
            assertThat(first).extracting(WriteResult::index).containsExactlyElementsOf(
                    IntStream.range(0, 1_000).boxed().toList());
            assertThat(replay).extracting(WriteResult::crmId)
                    .containsExactlyElementsOf(first.stream().map(WriteResult::crmId).toList());
            assertThat(replay).extracting(WriteResult::created).containsOnly(false);
            assertThat(hubspot.liveRecords("contacts")).isEqualTo(1_000);
        }
    }

    @Test
    void ten_thousand_contacts_take_a_hundred_calls() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults())) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);

            // when
            List<WriteResult> results = hubspot.connector.upsert(ObjectType.CONTACT, contacts(10_000, "bulk"));

            // then
            assertThat(results).hasSize(10_000).allSatisfy(r -> assertThat(r.success()).isTrue());
            assertThat(hubspot.calls(UPSERT)).isEqualTo(100);
            assertThat(sandbox.server().stats().rateLimitedCount()).isZero();
        }
    }

    @Test
    void records_with_a_crm_id_are_updated_and_unknown_ids_are_refused_one_by_one() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(5))) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);
            List<CrmRecord> existing = HubSpotChangeFeedIT.run(hubspot, ObjectType.CONTACT,
                    com.penguinmails.crmsync.core.Cursor.START, 10).live();
            List<CrmRecord> edits = List.of(
                    CrmRecord.toWrite(ObjectType.CONTACT, existing.get(0).crmId(), null, Map.of("jobtitle", "CEO")),
                    CrmRecord.toWrite(ObjectType.CONTACT, "999999", null, Map.of("jobtitle", "Ghost")),
                    CrmRecord.toWrite(ObjectType.CONTACT, existing.get(1).crmId(), null, Map.of("jobtitle", "CTO")));

            // when
            List<WriteResult> results = hubspot.connector.upsert(ObjectType.CONTACT, edits);

            // then
            assertThat(hubspot.calls(UPDATE)).isEqualTo(1);
            assertThat(results.get(0)).isEqualTo(WriteResult.written(0, existing.get(0).crmId(), false));
            assertThat(results.get(1).error()).isEqualTo("OBJECT_NOT_FOUND");
            assertThat(results.get(2)).isEqualTo(WriteResult.written(2, existing.get(1).crmId(), false));
        }
    }

    @Test
    void an_invalid_email_fails_alone_and_the_rest_of_its_batch_lands() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults())) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);
            List<CrmRecord> records = new ArrayList<>(contacts(100, "good"));
            records.set(37, CrmRecord.toWrite(ObjectType.CONTACT, null, null,
                    Map.of("email", "not-an-address", "firstname", "Secret Name")));

            // when
            List<WriteResult> results = hubspot.connector.upsert(ObjectType.CONTACT, records);

            // then
            assertThat(results.get(37).error()).isEqualTo("INVALID_EMAIL");
            assertThat(results.get(37).fields()).containsExactly("email");
            assertThat(results.get(37).message()).doesNotContain("not-an-address").doesNotContain("Secret");
            assertThat(results).filteredOn(WriteResult::success).hasSize(99);
            assertThat(hubspot.liveRecords("contacts")).isEqualTo(99);
            assertThat(hubspot.calls(UPSERT)).as("refused, the 99 others, the bad one alone").isEqualTo(3);
        }
    }

    @Test
    void a_read_only_property_is_dropped_from_the_records_that_set_it_and_the_rest_of_them_lands() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults())) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);
            List<CrmRecord> records = new ArrayList<>(contacts(10, "ro"));
            Map<String, Object> fields = new HashMap<>(records.get(4).fields());
            fields.put("hs_email_bounce", 3);
            records.set(4, CrmRecord.toWrite(ObjectType.CONTACT, null, null, fields));

            // when
            List<WriteResult> results = hubspot.connector.upsert(ObjectType.CONTACT, records);

            // then: the batch HubSpot refused whole goes again without that property
            assertThat(results).allMatch(WriteResult::success);
            assertThat(results.get(4).droppedFields()).containsExactly("hs_email_bounce");
            assertThat(results.get(3).droppedFields()).isEmpty();
            assertThat(hubspot.liveRecords("contacts")).isEqualTo(10);
            assertThat(hubspot.calls(UPSERT)).isEqualTo(2);
        }
    }

    @Test
    void a_property_hubspot_does_not_have_is_dropped_and_a_record_setting_only_it_is_refused() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults())) {
            // given: 100 contacts in one batch, 3 setting a property deleted in HubSpot, one setting only it
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);
            List<CrmRecord> records = new ArrayList<>(contacts(100, "gone"));
            for (int i : List.of(10, 50, 90)) {
                Map<String, Object> fields = new HashMap<>(records.get(i).fields());
                fields.put("deleted_property", "x");
                records.set(i, CrmRecord.toWrite(ObjectType.CONTACT, null, null, fields));
            }
            records.add(CrmRecord.toWrite(ObjectType.CONTACT, "1", null, Map.of("deleted_property", "x")));

            // when
            List<WriteResult> results = hubspot.connector.upsert(ObjectType.CONTACT, records);

            // then
            assertThat(results.subList(0, 100)).allMatch(WriteResult::success);
            assertThat(results).filteredOn(r -> !r.droppedFields().isEmpty()).extracting(WriteResult::index)
                    .containsExactly(10, 50, 90);
            assertThat(results.get(50).message()).contains("deleted_property");
            assertThat(results.get(100).error()).isEqualTo("PROPERTY_DOESNT_EXIST");
            assertThat(hubspot.liveRecords("contacts")).isEqualTo(100);
        }
    }

    @Test
    void a_value_hubspot_refuses_in_an_update_is_dropped_and_the_rest_of_that_record_lands() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults())) {
            // given: ten existing contacts updated by id, one with a text in a number property
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);
            List<WriteResult> created = hubspot.connector.upsert(ObjectType.CONTACT, contacts(10, "val"));
            List<CrmRecord> updates = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                updates.add(CrmRecord.toWrite(ObjectType.CONTACT, created.get(i).crmId(), null, Map.of(
                        "lastname", "Updated", "penguinmails_lead_score", i == 6 ? "Secret text" : "42")));
            }

            // when
            List<WriteResult> results = hubspot.connector.upsert(ObjectType.CONTACT, updates);

            // then
            assertThat(results).allMatch(WriteResult::success);
            assertThat(results.get(6).droppedFields()).containsExactly("penguinmails_lead_score");
            assertThat(results.get(6).message()).contains("INVALID_DECIMAL").doesNotContain("Secret");
            assertThat(results).filteredOn(r -> !r.droppedFields().isEmpty()).hasSize(1);
        }
    }

    @Test
    void the_same_contact_twice_in_one_call_is_written_twice_in_order() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults())) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);
            List<CrmRecord> records = List.of(
                    CrmRecord.toWrite(ObjectType.CONTACT, null, null, Map.of("email", "twice@penguin.example",
                            "jobtitle", "First")),
                    CrmRecord.toWrite(ObjectType.CONTACT, null, null, Map.of("email", "Twice@penguin.example",
                            "jobtitle", "Second")));

            // when
            List<WriteResult> results = hubspot.connector.upsert(ObjectType.CONTACT, records);

            // then
            assertThat(results).allSatisfy(r -> assertThat(r.success()).isTrue());
            assertThat(results.get(0).crmId()).isEqualTo(results.get(1).crmId());
            assertThat(hubspot.get("/crm/v3/objects/contacts/" + results.get(0).crmId() + "?properties=jobtitle")
                    .path("properties").path("jobtitle").asString()).isEqualTo("Second");
        }
    }

    @Test
    void companies_without_a_crm_id_are_created_and_by_a_unique_property_when_one_is_configured() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults())) {
            // given
            SandboxConnection plain = SandboxConnection.privateApp(sandbox);
            plain.post("/crm/v3/properties/companies", Map.of("name", "penguinmails_id", "label", "PenguinMails id",
                    "type", "string", "fieldType", "text", "groupName", "companyinformation", "hasUniqueValue", true));
            SandboxConnection keyed = SandboxConnection.privateApp(sandbox, Map.of("idProperty.company",
                    "penguinmails_id"));
            List<CrmRecord> companies = IntStream.range(0, 150).mapToObj(i -> CrmRecord.toWrite(ObjectType.COMPANY,
                    null, "pm-" + i, Map.<String, Object>of("name", "Company " + i))).toList();

            // when
            List<WriteResult> created = plain.connector.upsert(ObjectType.COMPANY, companies.subList(0, 50));
            List<WriteResult> keyedFirst = keyed.connector.upsert(ObjectType.COMPANY, companies.subList(50, 150));
            List<WriteResult> keyedReplay = keyed.connector.upsert(ObjectType.COMPANY, companies.subList(50, 150));

            // then
            assertThat(created).allSatisfy(r -> assertThat(r.created()).isTrue());
            assertThat(plain.calls(CREATE)).isEqualTo(1);
            assertThat(keyedFirst).extracting(WriteResult::created).containsOnly(true);
            assertThat(keyedReplay).extracting(WriteResult::crmId)
                    .containsExactlyElementsOf(keyedFirst.stream().map(WriteResult::crmId).toList());
            assertThat(plain.liveRecords("companies")).isEqualTo(150);
        }
    }

    @Test
    void an_opt_out_unsubscribes_the_address_from_marketing_email() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults())) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);
            hubspot.connector.upsert(ObjectType.CONTACT, contacts(3, "optout"));
            List<CrmRecord> optOuts = List.of(CrmRecord.toWrite(ObjectType.CONTACT, null, null,
                    Map.of("email", "optout1@penguin.example", "hs_email_optout", true)));

            // when
            List<WriteResult> results = hubspot.connector.upsert(ObjectType.CONTACT, optOuts);
            List<WriteResult> replay = hubspot.connector.upsert(ObjectType.CONTACT, optOuts);

            // then
            assertThat(results).singleElement().satisfies(r -> assertThat(r.success()).isTrue());
            assertThat(replay).singleElement().satisfies(r -> assertThat(r.success()).isTrue());
            assertThat(hubspot.calls(UNSUBSCRIBE)).isEqualTo(2);
            assertThat(hubspot.get("/communication-preferences/v3/status/email/optout1@penguin.example")
                    .path("subscriptionStatuses").path(0).path("status").asString()).isEqualTo("NOT_SUBSCRIBED");
        }
    }

    @Test
    void writes_converge_through_server_errors_rate_limits_and_dropped_connections() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults())) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);
            sandbox.server().faults(FaultPlan.of(Duration.ZERO, 0.2));

            // when
            List<WriteResult> results = hubspot.connector.upsert(ObjectType.CONTACT, contacts(1_000, "flaky"));

            // then
            assertThat(results).allSatisfy(r -> assertThat(r.success()).isTrue());
            assertThat(sandbox.server().stats().faultsInjectedCount()).isPositive();
            sandbox.server().faults(FaultPlan.NONE);
            assertThat(hubspot.liveRecords("contacts")).isEqualTo(1_000);
        }
    }
}
