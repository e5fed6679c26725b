package com.penguinmails.crmsync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.salesforce.rest.RestDates;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** REST records: {@code query}, {@code queryAll} and {@code query/{locator}}, and {@code sobjects/{object}[/{id}]}. */
class SalesforceSandboxRecordsIT {

    private static final String DATA = "/services/data/v64.0";

    @Test
    void queryReturnsTypedRecordsWithAttributes() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withSeedContacts(20))) {
            // given
            SandboxHttp http = new SandboxHttp(sandbox);
            String token = (String) sandbox.info().get("accessToken");
            // when
            HttpResponse<String> response = http.get(query("query",
                    "SELECT Id, Email, HasOptedOutOfEmail, CreatedDate FROM Contact LIMIT 5"), token);
            // then
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = SandboxHttp.json(response.body());
            assertThat(body.get("totalSize").asInt()).isEqualTo(5);
            assertThat(body.get("done").asBoolean()).isTrue();
            assertThat(body.has("nextRecordsUrl")).isFalse();
            JsonNode record = body.get("records").get(0);
            String id = record.get("Id").asString();
            assertThat(record.get("attributes").get("type").asString()).isEqualTo("Contact");
            assertThat(record.get("attributes").get("url").asString()).isEqualTo(DATA + "/sobjects/Contact/" + id);
            assertThat(record.get("HasOptedOutOfEmail").isBoolean()).isTrue();
            assertThat(record.get("CreatedDate").asString())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000\\+0000");
        }
    }

    @Test
    void seedRecordsWereCreatedInThePastAndBeforeTheyWereLastModified() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withSeedContacts(20))) {
            // given
            SandboxHttp http = new SandboxHttp(sandbox);
            String token = (String) sandbox.info().get("accessToken");
            // when
            JsonNode records = SandboxHttp.json(http.get(query("query",
                    "SELECT CreatedDate, LastModifiedDate, SystemModstamp FROM Contact"), token).body()).get("records");
            // then
            assertThat(records.size()).isGreaterThan(10);
            for (JsonNode record : records) {
                Instant created = RestDates.parse(record.get("CreatedDate").asString()).orElseThrow();
                Instant modified = RestDates.parse(record.get("LastModifiedDate").asString()).orElseThrow();
                assertThat(created).isBefore(modified);
                assertThat(record.get("SystemModstamp").asString()).isEqualTo(record.get("LastModifiedDate").asString());
            }
        }
    }

    @Test
    void largeResultsPageThroughNextRecordsUrlUntilTheLocatorIsReleased() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withSeedContacts(250))) {
            // given
            SandboxHttp http = new SandboxHttp(sandbox);
            String token = (String) sandbox.info().get("accessToken");
            HttpRequest first = HttpRequest.newBuilder(URI.create(http.base() + query("query",
                    "SELECT Id FROM Contact"))).header("Authorization", "Bearer " + token)
                    .header("Sforce-Query-Options", "batchSize=200").GET().build();
            // when
            JsonNode page1 = SandboxHttp.json(http.send(first).body());
            String next = page1.get("nextRecordsUrl").asString();
            JsonNode page2 = SandboxHttp.json(http.get(next, token).body());
            HttpResponse<String> again = http.get(next, token);
            // then
            int total = page1.get("totalSize").asInt();
            assertThat(total).isGreaterThan(200);
            assertThat(page1.get("done").asBoolean()).isFalse();
            assertThat(page1.get("records").size()).isEqualTo(200);
            assertThat(next).matches(DATA + "/query/0r8\\w{15}-200");
            assertThat(page2.get("done").asBoolean()).isTrue();
            assertThat(page2.get("records").size()).isEqualTo(total - 200);
            assertThat(again.statusCode()).isEqualTo(400);
            assertThat(SandboxHttp.json(again.body()).get(0).get("errorCode").asString())
                    .isEqualTo("INVALID_QUERY_LOCATOR");
        }
    }

    @Test
    void badQueriesAreRefusedWithSoqlErrorCodes() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withSeedContacts(5))) {
            // given
            SandboxHttp http = new SandboxHttp(sandbox);
            String token = (String) sandbox.info().get("accessToken");
            // when
            HttpResponse<String> malformed = http.get(query("query", "SELECT FROM Contact"), token);
            HttpResponse<String> badField = http.get(query("query", "SELECT Nope__c FROM Contact"), token);
            // then
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(SandboxHttp.json(malformed.body()).get(0).get("errorCode").asString())
                    .isEqualTo("MALFORMED_QUERY");
            assertThat(badField.statusCode()).isEqualTo(400);
            assertThat(SandboxHttp.json(badField.body()).get(0).get("errorCode").asString())
                    .isEqualTo("INVALID_FIELD");
        }
    }

    @Test
    void createAnswers201AndWriteErrorsCarryCodeAndFields() throws Exception {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withSeedContacts(5))) {
            // given
            SandboxHttp http = new SandboxHttp(sandbox);
            String token = (String) sandbox.info().get("accessToken");
            // when
            HttpResponse<String> created = http.json("POST", DATA + "/sobjects/Contact", token,
                    "{\"attributes\":{\"type\":\"Contact\"},\"LastName\":\"Rest\",\"Email\":\"rest@x.example\","
                            + "\"HasOptedOutOfEmail\":true}");
            HttpResponse<String> missing = http.json("POST", DATA + "/sobjects/Contact", token,
                    "{\"FirstName\":\"NoLast\"}");
            HttpResponse<String> unknownField = http.json("POST", DATA + "/sobjects/Contact", token,
                    "{\"LastName\":\"X\",\"Nope__c\":1}");
            HttpResponse<String> unknownObject = http.json("POST", DATA + "/sobjects/Widget__c", token, "{}");
            // then
            assertThat(created.statusCode()).isEqualTo(201);
            JsonNode result = SandboxHttp.json(created.body());
            assertThat(result.get("id").asString()).startsWith("003").hasSize(18);
            assertThat(result.get("success").asBoolean()).isTrue();
            assertThat(result.get("errors").size()).isZero();
            QueryResult soap = http.partner(token).query("SELECT HasOptedOutOfEmail FROM Contact WHERE Id = '"
                    + result.get("id").asString() + "'");
            assertThat(soap.getRecords()[0].getField("HasOptedOutOfEmail")).isEqualTo("true");
            assertThat(missing.statusCode()).isEqualTo(400);
            JsonNode error = SandboxHttp.json(missing.body()).get(0);
            assertThat(error.get("errorCode").asString()).isEqualTo("REQUIRED_FIELD_MISSING");
            assertThat(error.get("fields").get(0).asString()).isEqualTo("LastName");
            assertThat(unknownField.statusCode()).isEqualTo(400);
            assertThat(SandboxHttp.json(unknownField.body()).get(0).get("errorCode").asString())
                    .isEqualTo("INVALID_FIELD");
            assertThat(unknownObject.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void patchAnswers204AndDeleteMovesTheRecordToTheRecycleBin() throws Exception {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withSeedContacts(5))) {
            // given
            SandboxHttp http = new SandboxHttp(sandbox);
            String token = (String) sandbox.info().get("accessToken");
            String id = SandboxHttp.json(http.json("POST", DATA + "/sobjects/Contact", token,
                    "{\"LastName\":\"Patch\"}").body()).get("id").asString();
            String url = DATA + "/sobjects/Contact/" + id;
            // when
            HttpResponse<String> patched = http.json("PATCH", url, token, "{\"Title\":\"CTO\",\"Phone\":null}");
            HttpResponse<String> badEmail = http.json("PATCH", url, token, "{\"Email\":\"not-an-email\"}");
            JsonNode read = SandboxHttp.json(http.get(url + "?fields=Title,LastName", token).body());
            HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(http.base() + url))
                    .header("Authorization", "Bearer " + token).DELETE().build());
            HttpResponse<String> afterDelete = http.get(url, token);
            HttpResponse<String> unknown = http.json("PATCH", DATA + "/sobjects/Contact/003000000000000AAA", token,
                    "{\"Title\":\"x\"}");
            JsonNode all = SandboxHttp.json(http.get(query("queryAll",
                    "SELECT Id, IsDeleted FROM Contact WHERE LastName = 'Patch'"), token).body());
            // then
            assertThat(patched.statusCode()).isEqualTo(204);
            assertThat(patched.body()).isEmpty();
            assertThat(badEmail.statusCode()).isEqualTo(400);
            assertThat(SandboxHttp.json(badEmail.body()).get(0).get("errorCode").asString())
                    .isEqualTo("INVALID_EMAIL_ADDRESS");
            assertThat(read.get("Title").asString()).isEqualTo("CTO");
            assertThat(read.get("LastName").asString()).isEqualTo("Patch");
            assertThat(read.has("Email")).isFalse();
            assertThat(deleted.statusCode()).isEqualTo(204);
            assertThat(afterDelete.statusCode()).isEqualTo(404);
            assertThat(SandboxHttp.json(afterDelete.body()).get(0).get("errorCode").asString())
                    .isEqualTo("ENTITY_IS_DELETED");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(SandboxHttp.json(unknown.body()).get(0).get("errorCode").asString()).isEqualTo("NOT_FOUND");
            assertThat(all.get("totalSize").asInt()).isEqualTo(1);
            assertThat(all.get("records").get(0).get("IsDeleted").asBoolean()).isTrue();
        }
    }

    @Test
    void restAndSoapShareTheOrgsQueryCursors() throws Exception {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withSeedContacts(250))) {
            // given
            SandboxHttp http = new SandboxHttp(sandbox);
            String token = (String) sandbox.info().get("accessToken");
            PartnerConnection soap = http.partner(token);
            soap.setQueryOptions(200);
            String locator = soap.query("SELECT Id FROM Contact").getQueryLocator();
            // when
            HttpResponse<String> viaRest = http.get(DATA + "/query/" + locator, token);
            // then
            assertThat(viaRest.statusCode()).isEqualTo(200);
            assertThat(SandboxHttp.json(viaRest.body()).get("done").asBoolean()).isTrue();
        }
    }

    private static String query(String resource, String soql) {
        return DATA + "/" + resource + "?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8);
    }
}
