package com.penguinmails.crmsync.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.Cursor;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.WriteResult;
import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.sforce.soap.partner.sobject.SObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Salesforce writes against the sandbox: SOAP batches, Bulk API 2.0 ingest, refusals, replays, faults. */
class SalesforceUpsertIT {

    private static final String INGEST = "/services/data/{version}/jobs/ingest";
    private static SalesforceTestOrg org;

    @BeforeAll
    static void start() {
        org = new SalesforceTestOrg(SandboxOptions.defaults().withSeedContacts(0));
    }

    @AfterAll
    static void stop() {
        org.close();
    }

    @BeforeEach
    void reset() {
        org.sandbox().server().faults(FaultPlan.NONE);
        org.reset();
    }

    @Test
    void aThousandUpsertsTakeFiveSoapCallsAndAReplayDuplicatesNothing() throws Exception {
        // given
        CrmConnector connector = org.connector(Map.of());
        List<CrmRecord> records = contacts(1000, "pm-");
        // when
        List<WriteResult> first = connector.upsert(ObjectType.CONTACT, records);
        long firstCalls = org.soapCalls();
        List<WriteResult> replay = connector.upsert(ObjectType.CONTACT, records);
        // then
        assertThat(firstCalls).isEqualTo(5);
        assertThat(org.soapCalls()).isEqualTo(10);
        assertThat(first).allSatisfy(r -> assertThat(r.success()).isTrue()).allMatch(WriteResult::created);
        assertThat(first).extracting(WriteResult::index).containsExactlyElementsOf(IntStream.range(0, 1000).boxed()
                .toList());
        assertThat(replay).noneMatch(WriteResult::created).extracting(WriteResult::crmId)
                .containsExactlyElementsOf(first.stream().map(WriteResult::crmId).toList());
        assertThat(org.partner().query("SELECT Id FROM Contact").getSize()).isEqualTo(1000);
    }

    @Test
    void tenThousandUpsertsGoThroughOneBulkIngestJobAndAReplayDuplicatesNothing() throws Exception {
        // given
        CrmConnector connector = org.connector(Map.of());
        List<CrmRecord> records = contacts(10_000, "bulk-");
        // when
        List<WriteResult> first = connector.upsert(ObjectType.CONTACT, records);
        long firstRestCalls = org.sandbox().server().stats().totalRequests();
        List<WriteResult> replay = connector.upsert(ObjectType.CONTACT, records);
        // then
        assertThat(first).hasSize(10_000).allMatch(WriteResult::success).allMatch(WriteResult::created);
        assertThat(first).extracting(WriteResult::index).isSorted();
        assertThat(org.soapCalls()).isZero();
        // create, upload, close, two looks at the job, successful results
        assertThat(firstRestCalls).isEqualTo(6);
        assertThat(org.restCalls("POST " + INGEST)).isEqualTo(2);
        assertThat(org.restCalls("PUT " + INGEST + "/{jobId}/batches")).isEqualTo(2);
        assertThat(org.restCalls("GET " + INGEST + "/{jobId}/failedResults")).isZero();
        assertThat(replay).noneMatch(WriteResult::created).extracting(WriteResult::crmId)
                .containsExactlyElementsOf(first.stream().map(WriteResult::crmId).toList());
        assertThat(org.partner().query("SELECT Id FROM Contact").getSize()).isEqualTo(10_000);
    }

    @Test
    void refusedRecordsComeBackAsResultsInInputOrderWithoutPersonalData() {
        // given
        CrmConnector connector = org.connector(Map.of());
        List<CrmRecord> records = refusalMix();
        // when
        List<WriteResult> results = connector.upsert(ObjectType.CONTACT, records);
        // then
        assertRefusals(results);
    }

    @Test
    void bulkRefusalsAreMatchedToTheirRecordsByExternalId() {
        // given
        CrmConnector connector = org.connector(Map.of("bulkIngestThreshold", "2"));
        List<CrmRecord> records = refusalMix();
        // when
        List<WriteResult> results = connector.upsert(ObjectType.CONTACT, records);
        // then
        assertRefusals(results);
        assertThat(org.restCalls("GET " + INGEST + "/{jobId}/failedResults")).isEqualTo(1);
    }

    @Test
    void aFieldContactDoesNotHaveIsDroppedFromTheRecordsThatSetItAndTheRestIsWritten() throws Exception {
        for (String threshold : List.of("2000", "2")) { // SOAP (a fault fails the call), Bulk API (the job fails)
            // given: 5 records, two of them setting a field Contact does not have (deleted after it was mapped)
            org.reset();
            CrmConnector connector = org.connector(Map.of("bulkIngestThreshold", threshold));
            List<CrmRecord> records = new ArrayList<>(contacts(5, "gone-" + threshold + "-"));
            for (int i : List.of(1, 3)) {
                Map<String, @Nullable Object> fields = new HashMap<>(records.get(i).fields());
                fields.put("Deleted_Field__c", "x");
                records.set(i, CrmRecord.toWrite(ObjectType.CONTACT, null, records.get(i).externalId(), fields));
            }
            records.add(CrmRecord.toWrite(ObjectType.CONTACT, null, "gone-only-" + threshold,
                    Map.of("Deleted_Field__c", "x")));

            // when
            List<WriteResult> results = connector.upsert(ObjectType.CONTACT, records);

            // then: every record with something else to write is written, the two without the field
            assertThat(results).as("threshold %s", threshold).hasSize(6);
            assertThat(results.subList(0, 5)).allMatch(WriteResult::success);
            assertThat(results.get(1).droppedFields()).containsExactly("Deleted_Field__c");
            assertThat(results.get(3).droppedFields()).containsExactly("Deleted_Field__c");
            assertThat(results.get(3).message()).contains("INVALID_FIELD", "Deleted_Field__c");
            assertThat(results.get(0).droppedFields()).isEmpty();
            assertThat(results.get(5).error()).isEqualTo("INVALID_FIELD");
            assertThat(results.get(5).fields()).containsExactly("Deleted_Field__c");
            assertThat(org.partner().query("SELECT Id FROM Contact").getSize()).isEqualTo(5);
        }
    }

    @Test
    void recordsWithACrmIdAreUpdatedAndNullClearsAField() throws Exception {
        // given
        CrmConnector connector = org.connector(Map.of());
        String id = connector.upsert(ObjectType.CONTACT, contacts(1, "upd-")).get(0).crmId();
        Map<String, @Nullable Object> changes = new HashMap<>();
        changes.put("Title", null);
        changes.put("HasOptedOutOfEmail", true);
        // when
        List<WriteResult> results = connector.upsert(ObjectType.CONTACT,
                List.of(CrmRecord.toWrite(ObjectType.CONTACT, id, null, changes)));
        // then
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.crmId()).isEqualTo(id);
            assertThat(r.created()).isFalse();
        });
        SObject stored = org.partner().query("SELECT Id, Title, HasOptedOutOfEmail FROM Contact WHERE Id = '" + id
                + "'").getRecords()[0];
        assertThat(stored.getField("Title")).isNull();
        assertThat(stored.getField("HasOptedOutOfEmail")).isEqualTo("true");
    }

    @Test
    void aRecordWithNeitherKeyIsRefusedWithoutACall() {
        // given
        CrmConnector connector = org.connector(Map.of());
        // when
        List<WriteResult> results = connector.upsert(ObjectType.CONTACT, List.of(CrmRecord.toWrite(
                ObjectType.CONTACT, null, null, Map.of("LastName", "Nobody"))));
        // then
        assertThat(results).singleElement().satisfies(r -> assertThat(r.error()).isEqualTo("MISSING_KEY"));
        assertThat(org.soapCalls()).isZero();
    }

    @Test
    void writesAndReadsConvergeWhenAFifthOfRequestsFail() throws Exception {
        // given
        CrmConnector connector = org.connector(Map.of("bulkIngestThreshold", "300"));
        org.sandbox().server().faults(FaultPlan.of(Duration.ZERO, 0.2));
        List<CrmRecord> soap = contacts(250, "soap-");
        List<CrmRecord> bulk = contacts(400, "bulk-");
        try {
            // when
            List<WriteResult> bySoap = connector.upsert(ObjectType.CONTACT, soap);
            List<WriteResult> byBulk = connector.upsert(ObjectType.CONTACT, bulk);
            List<WriteResult> replay = connector.upsert(ObjectType.CONTACT, soap);
            org.advanceClock(Duration.ofSeconds(2));
            SalesforceChangesIT.Feed feed = SalesforceChangesIT.drain(connector, ObjectType.CONTACT, Cursor.START,
                    200);
            // then
            assertThat(bySoap).hasSize(250).allMatch(WriteResult::success);
            assertThat(byBulk).hasSize(400).allMatch(WriteResult::success);
            assertThat(replay).allMatch(WriteResult::success).noneMatch(WriteResult::created);
            assertThat(feed.records).hasSize(650);
            assertThat(org.sandbox().server().stats().faultsInjectedCount()).isPositive();
        } finally {
            org.sandbox().server().faults(FaultPlan.NONE);
        }
        assertThat(org.partner().query("SELECT Id FROM Contact").getSize()).isEqualTo(650);
    }

    private static List<CrmRecord> refusalMix() {
        Map<String, @Nullable Object> good = person("Good", "good@ok.example");
        Map<String, @Nullable Object> badEmail = person("Bad", "not-an-email");
        Map<String, @Nullable Object> noLastName = person("x", "nolastname@ok.example");
        noLastName.remove("LastName");
        return List.of(CrmRecord.toWrite(ObjectType.CONTACT, null, "r-1", good),
                CrmRecord.toWrite(ObjectType.CONTACT, null, "r-2", badEmail),
                CrmRecord.toWrite(ObjectType.CONTACT, null, "r-3", noLastName),
                CrmRecord.toWrite(ObjectType.CONTACT, null, "r-4", person("Fine", "fine@ok.example")));
    }

    private static void assertRefusals(List<WriteResult> results) {
        assertThat(results).extracting(WriteResult::index).containsExactly(0, 1, 2, 3);
        assertThat(results.get(0).success()).isTrue();
        assertThat(results.get(1).error()).isEqualTo("INVALID_EMAIL_ADDRESS");
        assertThat(results.get(1).fields()).containsExactly("Email");
        assertThat(results.get(1).message()).doesNotContain("not-an-email");
        assertThat(results.get(2).error()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(results.get(2).fields()).containsExactly("LastName");
        assertThat(results.get(3).success()).isTrue();
        assertThat(results).allSatisfy(r -> assertThat(String.valueOf(r.message())).doesNotContain("@ok.example"));
    }

    static List<CrmRecord> contacts(int count, String keyPrefix) {
        List<CrmRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(CrmRecord.toWrite(ObjectType.CONTACT, null, keyPrefix + i,
                    person("Penguin " + i, keyPrefix + i + "@penguin.example")));
        }
        return records;
    }

    private static Map<String, @Nullable Object> person(String lastName, String email) {
        Map<String, @Nullable Object> fields = new HashMap<>();
        fields.put("LastName", lastName);
        fields.put("FirstName", "Pat, \"the\" tester");
        fields.put("Email", email);
        fields.put("Title", "Engineer");
        fields.put("PenguinMails_Lead_Score__c", 12.5);
        return fields;
    }
}
