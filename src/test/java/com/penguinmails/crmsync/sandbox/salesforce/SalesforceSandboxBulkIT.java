package com.penguinmails.crmsync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencsv.CSVReader;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.sobject.SObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Bulk API 2.0 ingest and query jobs over HTTP. */
class SalesforceSandboxBulkIT {

    private static final String JOBS = "/services/data/v64.0/jobs/";
    private static SalesforceSandbox sandbox;
    private static SandboxHttp http;
    private String token;

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withSeedContacts(450));
        http = new SandboxHttp(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        http.control("reset", "");
        token = http.refresh((String) sandbox.info().get("refreshToken")).get("access_token").asText();
    }

    @Test
    void anInsertJobMovesThroughItsStatesAndReportsEachRecord() throws Exception {
        // given
        JsonNode job = SandboxHttp.json(http.json("POST", JOBS + "ingest", token,
                "{\"object\":\"Contact\",\"operation\":\"insert\",\"lineEnding\":\"LF\"}").body());
        String id = job.get("id").asText();
        String csv = "FirstName,LastName,Email,PenguinMails_Id__c\n"
                + "Ada,Lovelace,ada@bulk.example,pm-ada\n"
                + "NoLast,,nolast@bulk.example,pm-nolast\n"
                + "Bad,Email,\"not an email\",pm-bad\n";
        // when
        HttpResponse<String> upload = http.csv(JOBS + "ingest/" + id + "/batches", token, csv);
        HttpResponse<String> secondUpload = http.csv(JOBS + "ingest/" + id + "/batches", token, csv);
        JsonNode closed = SandboxHttp.json(http.json("PATCH", JOBS + "ingest/" + id, token,
                "{\"state\":\"UploadComplete\"}").body());
        List<String> states = new ArrayList<>();
        JsonNode info;
        do {
            info = SandboxHttp.json(http.get(JOBS + "ingest/" + id, token).body());
            states.add(info.get("state").asText());
        } while (!info.get("state").asText().equals("JobComplete") && states.size() < 5);
        List<String[]> successful = csv(http.get(JOBS + "ingest/" + id + "/successfulResults/", token).body());
        List<String[]> failed = csv(http.get(JOBS + "ingest/" + id + "/failedResults/", token).body());
        // then
        assertThat(job.get("state").asText()).isEqualTo("Open");
        assertThat(job.get("id").asText()).startsWith("750");
        assertThat(job.get("contentUrl").asText()).isEqualTo("services/data/v64.0/jobs/ingest/" + id + "/batches");
        assertThat(upload.statusCode()).isEqualTo(201);
        assertThat(secondUpload.statusCode()).isEqualTo(400);
        assertThat(closed.get("state").asText()).isEqualTo("UploadComplete");
        assertThat(states).containsExactly("InProgress", "JobComplete");
        assertThat(info.get("numberRecordsProcessed").asInt()).isEqualTo(3);
        assertThat(info.get("numberRecordsFailed").asInt()).isEqualTo(2);
        assertThat(successful.get(0)).containsExactly("sf__Id", "sf__Created", "FirstName", "LastName", "Email",
                "PenguinMails_Id__c");
        assertThat(successful.get(1)[0]).startsWith("003");
        assertThat(successful.get(1)[1]).isEqualTo("true");
        assertThat(failed.get(0)[1]).isEqualTo("sf__Error");
        assertThat(failed).extracting(r -> r[1]).anyMatch(e -> e.startsWith("REQUIRED_FIELD_MISSING:"))
                .anyMatch(e -> e.startsWith("INVALID_EMAIL_ADDRESS:"));
    }

    @Test
    void anUpsertJobLeavesEmptyCellsAloneAndNullsHashNa() throws Exception {
        // given
        PartnerConnection soap = http.partner(token);
        SObject contact = new SObject("Contact");
        contact.setField("LastName", "Keep");
        contact.setField("Title", "CTO");
        contact.setField("Phone", "+1 555 0100");
        contact.setField("PenguinMails_Id__c", "pm-keep");
        String existing = soap.create(new SObject[] {contact})[0].getId();
        String csv = "PenguinMails_Id__c,Title,Phone,PenguinMails_Lead_Score__c\npm-keep,,#N/A,77\n"
                + "pm-new,VP,,5\n";
        // when
        String id = runIngest("{\"object\":\"Contact\",\"operation\":\"upsert\","
                + "\"externalIdFieldName\":\"PenguinMails_Id__c\"}", csv);
        List<String[]> successful = csv(http.get(JOBS + "ingest/" + id + "/successfulResults", token).body());
        SObject stored = soap.query("SELECT Title, Phone, PenguinMails_Lead_Score__c FROM Contact WHERE Id = '"
                + existing + "'").getRecords()[0];
        List<String[]> created = csv(http.get(JOBS + "ingest/" + id + "/failedResults", token).body());
        // then
        assertThat(successful).hasSize(2);
        assertThat(successful.get(1)[0]).isEqualTo(existing);
        assertThat(successful.get(1)[1]).isEqualTo("false");
        assertThat(created).hasSize(2);
        assertThat(created.get(1)[1]).startsWith("REQUIRED_FIELD_MISSING");
        assertThat(stored.getField("Title")).isEqualTo("CTO");
        assertThat(stored.getField("Phone")).isNull();
        assertThat(stored.getField("PenguinMails_Lead_Score__c")).isEqualTo("77.0");
    }

    @Test
    void badJobsAreRejectedOrFailed() {
        // when
        HttpResponse<String> unknownProperty = http.json("POST", JOBS + "ingest", token,
                "{\"object\":\"Contact\",\"operation\":\"insert\",\"colour\":\"blue\"}");
        HttpResponse<String> upsertWithoutKey = http.json("POST", JOBS + "ingest", token,
                "{\"object\":\"Contact\",\"operation\":\"upsert\"}");
        HttpResponse<String> unknownObject = http.json("POST", JOBS + "ingest", token,
                "{\"object\":\"Widget__c\",\"operation\":\"insert\"}");
        String failedJob = runIngest("{\"object\":\"Contact\",\"operation\":\"insert\"}",
                "LastName,Nickname__c\nX,Y\n");
        JsonNode failed = SandboxHttp.json(http.get(JOBS + "ingest/" + failedJob, token).body());
        String wrongEnding = runIngest("{\"object\":\"Contact\",\"operation\":\"insert\"}", "LastName\r\nX\r\n");
        // then
        assertThat(SandboxHttp.json(unknownProperty.body()).get(0).get("errorCode").asText())
                .isEqualTo("JSON_PARSER_ERROR");
        assertThat(upsertWithoutKey.statusCode()).isEqualTo(400);
        assertThat(unknownObject.statusCode()).isEqualTo(400);
        assertThat(failed.get("state").asText()).isEqualTo("Failed");
        assertThat(failed.get("errorMessage").asText()).contains("Nickname__c");
        assertThat(SandboxHttp.json(http.get(JOBS + "ingest/" + wrongEnding, token).body()).get("errorMessage")
                .asText()).contains("LineEnding");
    }

    @Test
    void aQueryJobPagesItsCsvResultsWithLocators() throws Exception {
        // given
        JsonNode job = SandboxHttp.json(http.json("POST", JOBS + "query", token,
                "{\"operation\":\"query\",\"query\":\"SELECT Id, Email, HasOptedOutOfEmail FROM Contact\"}")
                .body());
        String id = job.get("id").asText();
        JsonNode info;
        do {
            info = SandboxHttp.json(http.get(JOBS + "query/" + id, token).body());
        } while (!info.get("state").asText().equals("JobComplete"));
        // when
        List<String> locators = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        String locator = "";
        do {
            HttpResponse<String> page = http.get(JOBS + "query/" + id + "/results?maxRecords=200"
                    + (locator.isEmpty() ? "" : "&locator=" + locator), token);
            List<String[]> csv = csv(page.body());
            assertThat(csv.get(0)).containsExactly("Id", "Email", "HasOptedOutOfEmail");
            assertThat(page.headers().firstValue("Sforce-NumberOfRecords")).hasValue(
                    Integer.toString(csv.size() - 1));
            rows.addAll(csv.subList(1, csv.size()));
            locator = page.headers().firstValue("Sforce-Locator").orElseThrow();
            locators.add(locator);
        } while (!locator.equals("null"));
        // then
        assertThat(job.get("state").asText()).isEqualTo("UploadComplete");
        assertThat(info.get("numberRecordsProcessed").asInt()).isEqualTo(rows.size());
        assertThat(locators).hasSize(3).last().isEqualTo("null");
        assertThat(rows).extracting(r -> r[0]).doesNotHaveDuplicates().allMatch(v -> v.startsWith("003"));
        assertThat(rows).extracting(r -> r[2]).allMatch(v -> v.equals("true") || v.equals("false"));
    }

    @Test
    void aQueryJobWithBadSoqlIsRefusedAtCreation() {
        // when
        HttpResponse<String> response = http.json("POST", JOBS + "query", token,
                "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Contact GROUP BY Email\"}");
        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.json(response.body()).get(0).get("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
    }

    private String runIngest(String spec, String csv) {
        String id = SandboxHttp.json(http.json("POST", JOBS + "ingest", token, spec).body()).get("id").asText();
        assertThat(http.csv(JOBS + "ingest/" + id + "/batches", token, csv).statusCode()).isEqualTo(201);
        http.json("PATCH", JOBS + "ingest/" + id, token, "{\"state\":\"UploadComplete\"}");
        for (int i = 0; i < 3; i++) {
            http.get(JOBS + "ingest/" + id, token);
        }
        return id;
    }

    private static List<String[]> csv(String text) throws Exception {
        try (CSVReader reader = new CSVReader(new StringReader(text))) {
            return reader.readAll();
        }
    }
}
