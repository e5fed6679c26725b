package com.penguinmails.crmsync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.fault.ExceptionCode;
import com.sforce.soap.partner.fault.UnexpectedErrorFault;
import com.sforce.soap.partner.sobject.SObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** REST resources, the daily API allocation, faults, reset and determinism. */
class SalesforceSandboxRestIT {

    @Test
    void limitsReportTheDailyAllocationAndEveryResponseCarriesSforceLimitInfo() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults()
                .withPlan(SandboxOptions.Plan.FREE))) {
            // given
            SandboxHttp http = new SandboxHttp(sandbox);
            String token = (String) sandbox.info().get("accessToken");
            http.get("/services/data/v64.0/limits", token);
            // when
            HttpResponse<String> response = http.get("/services/data/v64.0/limits", token);
            // then
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Sforce-Limit-Info")).hasValue("api-usage=2/15000");
            JsonNode limits = SandboxHttp.json(response.body());
            assertThat(limits.get("DailyApiRequests").get("Max").asLong()).isEqualTo(15_000);
            assertThat(limits.get("DailyApiRequests").get("Remaining").asLong()).isEqualTo(14_998);
            assertThat(limits.get("DailyBulkV2QueryJobs").get("Max").asLong()).isEqualTo(10_000);
        }
    }

    @Test
    void theRequestAfterTheAllocationIsRefusedWithRequestLimitExceeded() throws Exception {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults(), 3)) {
            // given
            SandboxHttp http = new SandboxHttp(sandbox);
            String token = (String) sandbox.info().get("accessToken");
            for (int i = 0; i < 3; i++) {
                assertThat(http.get("/services/data/v64.0/limits", token).statusCode()).isEqualTo(200);
            }
            // when
            HttpResponse<String> refused = http.get("/services/data/v64.0/limits", token);
            PartnerConnection soap = http.partner(token);
            // then
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(SandboxHttp.json(refused.body()).get(0).get("errorCode").asText())
                    .isEqualTo("REQUEST_LIMIT_EXCEEDED");
            assertThat(refused.headers().firstValue("Sforce-Limit-Info")).hasValue("api-usage=3/3");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> soap.query("SELECT Id FROM Contact"))
                    .isInstanceOfSatisfying(UnexpectedErrorFault.class, f -> assertThat(f.getExceptionCode())
                            .isEqualTo(ExceptionCode.REQUEST_LIMIT_EXCEEDED));
            assertThat(SandboxHttp.json(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    http.base() + "/_sandbox/stats")).build()).body()).get("rateLimited").asLong()).isEqualTo(2);
            // and a day later the allocation is back
            http.advanceClock(24 * 3600 + 60);
            String fresh = http.refresh((String) sandbox.info().get("refreshToken")).get("access_token").asText();
            assertThat(http.get("/services/data/v64.0/limits", fresh).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void updatedAndDeletedResourcesReportTheWindow() throws Exception {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withSeedContacts(20))) {
            // given
            SandboxHttp http = new SandboxHttp(sandbox);
            String token = (String) sandbox.info().get("accessToken");
            PartnerConnection soap = http.partner(token);
            Instant start = soap.getServerTimestamp().getTimestamp().toInstant().truncatedTo(ChronoUnit.MINUTES);
            SObject contact = new SObject("Contact");
            contact.setField("LastName", "Rest");
            SaveResult[] saved = soap.create(new SObject[] {contact, contact});
            soap.delete(new String[] {saved[1].getId()});
            http.advanceClock(120);
            String window = "?start=" + start + "&end=" + start.plusSeconds(600);
            // when
            JsonNode updated = SandboxHttp.json(http.get("/services/data/v64.0/sobjects/Contact/updated/" + window,
                    token).body());
            JsonNode deleted = SandboxHttp.json(http.get("/services/data/v64.0/sobjects/Contact/deleted/" + window,
                    token).body());
            HttpResponse<String> backwards = http.get("/services/data/v64.0/sobjects/Contact/updated/?start="
                    + start.plusSeconds(60) + "&end=" + start, token);
            // then
            assertThat(updated.get("ids").toString()).contains(saved[0].getId()).doesNotContain(saved[1].getId());
            assertThat(updated.get("latestDateCovered").asText()).matches(
                    "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00\\.000\\+0000");
            assertThat(deleted.get("deletedRecords").get(0).get("id").asText()).isEqualTo(saved[1].getId());
            assertThat(deleted.get("deletedRecords").get(0).has("deletedDate")).isTrue();
            assertThat(deleted.has("earliestDateAvailable")).isTrue();
            assertThat(backwards.statusCode()).isEqualTo(400);
            assertThat(SandboxHttp.json(backwards.body()).get(0).get("errorCode").asText())
                    .isEqualTo("INVALID_REPLICATION_DATE");
        }
    }

    @Test
    void unknownVersionsRoutesAndTokensAnswerLikeSalesforce() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults())) {
            // given
            SandboxHttp http = new SandboxHttp(sandbox);
            String token = (String) sandbox.info().get("accessToken");
            // when
            HttpResponse<String> future = http.get("/services/data/v99.0/limits", token);
            HttpResponse<String> unknown = http.get("/services/data/v64.0/nothing/here", token);
            HttpResponse<String> badToken = http.get("/services/data/v64.0/limits", "00Dfake!token");
            // then
            assertThat(future.statusCode()).isEqualTo(404);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(SandboxHttp.json(unknown.body()).get(0).get("errorCode").asText()).isEqualTo("NOT_FOUND");
            assertThat(badToken.statusCode()).isEqualTo(401);
            assertThat(badToken.headers().firstValue("Sforce-Limit-Info")).isPresent();
        }
    }

    @Test
    void injectedFaultsUseSalesforceErrorShapes() throws Exception {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults())) {
            // given
            SandboxHttp http = new SandboxHttp(sandbox);
            String token = (String) sandbox.info().get("accessToken");
            http.control("faults", "{\"faultRate\":1.0,\"serverErrorWeight\":1,\"rateLimitWeight\":0,"
                    + "\"connectionResetWeight\":0,\"slowWeight\":0}");
            // when
            HttpResponse<String> rest = http.get("/services/data/v64.0/limits", token);
            Throwable soap = org.assertj.core.api.Assertions.catchThrowable(() -> http.partner(token)
                    .query("SELECT Id FROM Contact"));
            http.control("faults", "{\"faultRate\":0.0,\"rateLimitWeight\":1,\"serverErrorWeight\":0}");
            // then
            assertThat(rest.statusCode()).isEqualTo(500);
            assertThat(SandboxHttp.json(rest.body()).get(0).get("errorCode").asText()).isEqualTo("UNKNOWN_EXCEPTION");
            assertThat(soap).isInstanceOfSatisfying(UnexpectedErrorFault.class,
                    f -> assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.UNKNOWN_EXCEPTION));
            assertThat(http.get("/services/data/v64.0/limits", token).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void sameSeedSameRecordsAndResetRestoresThem() throws Exception {
        try (SalesforceSandbox a = SalesforceSandbox.start(SandboxOptions.defaults().withSeedContacts(30));
             SalesforceSandbox b = SalesforceSandbox.start(SandboxOptions.defaults().withSeedContacts(30))) {
            // given
            SandboxHttp httpA = new SandboxHttp(a);
            PartnerConnection soapA = httpA.partner((String) a.info().get("accessToken"));
            PartnerConnection soapB = new SandboxHttp(b).partner((String) b.info().get("accessToken"));
            String soql = "SELECT Id, Email, AccountId FROM Contact ORDER BY Email";
            String before = ids(soapA, soql);
            SObject extra = new SObject("Contact");
            extra.setField("LastName", "Extra");
            soapA.create(new SObject[] {extra});
            // when
            httpA.control("reset", "");
            String token = httpA.refresh((String) a.info().get("refreshToken")).get("access_token").asText();
            String after = ids(httpA.partner(token), soql);
            // then
            assertThat(before).isEqualTo(ids(soapB, soql)).isEqualTo(after);
            JsonNode stats = SandboxHttp.json(httpA.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    httpA.base() + "/_sandbox/stats")).build()).body());
            assertThat(stats.get("records").get("Contact").asLong()).isBetween(25L, 30L);
        }
    }

    private static String ids(PartnerConnection connection, String soql) throws Exception {
        StringBuilder out = new StringBuilder();
        for (SObject record : connection.query(soql).getRecords()) {
            out.append(record.getId()).append(record.getField("Email")).append(record.getField("AccountId"));
        }
        return out.toString();
    }
}
