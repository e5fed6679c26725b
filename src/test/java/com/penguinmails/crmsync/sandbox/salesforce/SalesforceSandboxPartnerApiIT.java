package com.penguinmails.crmsync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.sforce.soap.partner.DeleteResult;
import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.FieldType;
import com.sforce.soap.partner.GetDeletedResult;
import com.sforce.soap.partner.GetUpdatedResult;
import com.sforce.soap.partner.MergeRequest;
import com.sforce.soap.partner.MergeResult;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.StatusCode;
import com.sforce.soap.partner.UpsertResult;
import com.sforce.soap.partner.fault.ExceptionCode;
import com.sforce.soap.partner.fault.InvalidFieldFault;
import com.sforce.soap.partner.fault.InvalidQueryLocatorFault;
import com.sforce.soap.partner.fault.MalformedQueryFault;
import com.sforce.soap.partner.fault.UnexpectedErrorFault;
import com.sforce.soap.partner.sobject.SObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official force-partner-api 65.0.0 client, unchanged, against the sandbox's SOAP Partner API. */
class SalesforceSandboxPartnerApiIT {

    private static SalesforceSandbox sandbox;
    private static SandboxHttp http;
    private PartnerConnection connection;

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withSeedContacts(450)
                .withTokenTtl(Duration.ofHours(2)));
        http = new SandboxHttp(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void connect() throws Exception {
        http.control("reset", "");
        String token = http.refresh((String) sandbox.info().get("refreshToken")).get("access_token").asText();
        connection = http.partner(token);
    }

    @Test
    void queryAndQueryMorePageThroughEveryContactOnce() throws Exception {
        // given
        connection.setQueryOptions(200);
        // when
        QueryResult page = connection.query("SELECT Id, FirstName, LastName, Email FROM Contact");
        List<SObject> records = new ArrayList<>(Arrays.asList(page.getRecords()));
        List<String> locators = new ArrayList<>();
        while (!page.isDone()) {
            locators.add(page.getQueryLocator());
            page = connection.queryMore(page.getQueryLocator());
            records.addAll(Arrays.asList(page.getRecords()));
        }
        // then
        assertThat(page.getSize()).isEqualTo(records.size()).isGreaterThan(400);
        assertThat(locators).hasSize(2).allMatch(l -> l.startsWith("0r8"));
        Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(r.getId()));
        assertThat(ids).hasSize(records.size()).allMatch(id -> id.startsWith("003") && id.length() == 18);
        assertThat(records.get(0).getType()).isEqualTo("Contact");
        assertThat((String) records.get(0).getField("Email")).endsWith(".example");
    }

    @Test
    void queryMoreWithAnUnknownLocatorFailsWithInvalidQueryLocator() {
        // when / then
        assertThatThrownBy(() -> connection.queryMore("0r8xx0000000zzzAAA-200"))
                .isInstanceOfSatisfying(InvalidQueryLocatorFault.class,
                        f -> assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.INVALID_QUERY_LOCATOR));
    }

    @Test
    void queryFiltersSortsAndLimits() throws Exception {
        // given
        SObject contact = contact("Zed", "zed@filter.example");
        contact.setField("HasOptedOutOfEmail", true);
        String id = connection.create(new SObject[] {contact})[0].getId();
        // when
        QueryResult result = connection.query("SELECT Id, Email, HasOptedOutOfEmail FROM Contact WHERE "
                + "(Email LIKE '%@filter.example' OR LastName = 'nobody') AND HasOptedOutOfEmail = true "
                + "AND CreatedDate = TODAY ORDER BY Email DESC LIMIT 5");
        // then
        assertThat(result.getSize()).isEqualTo(1);
        assertThat(result.getRecords()[0].getId()).isEqualTo(id);
        assertThat(result.getRecords()[0].getField("HasOptedOutOfEmail")).isEqualTo("true");
    }

    @Test
    void malformedAndUnknownFieldQueriesFault() {
        // when / then
        assertThatThrownBy(() -> connection.query("SELECT Id FROM Contact WHERE Email = 'a' AND Phone = 'b' OR "
                + "Title = 'c'")).isInstanceOfSatisfying(MalformedQueryFault.class,
                    f -> assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.MALFORMED_QUERY));
        assertThatThrownBy(() -> connection.query("SELECT Id, Nickname__c FROM Contact"))
                .isInstanceOfSatisfying(InvalidFieldFault.class,
                    f -> assertThat(f.getExceptionMessage()).contains("No such column 'Nickname__c'"));
    }

    @Test
    void createReportsPerRecordErrors() throws Exception {
        // given
        SObject good = contact("Good", "good@ok.example");
        SObject noLastName = new SObject("Contact");
        noLastName.setField("Email", "x@ok.example");
        SObject badEmail = contact("Bad", "not-an-email");
        SObject tooLong = contact("x".repeat(81), "long@ok.example");
        // when
        SaveResult[] results = connection.create(new SObject[] {good, noLastName, badEmail, tooLong});
        // then
        assertThat(results[0].isSuccess()).isTrue();
        assertThat(results[0].getId()).startsWith("003").hasSize(18);
        assertThat(results[1].getErrors()[0].getStatusCode()).isEqualTo(StatusCode.REQUIRED_FIELD_MISSING);
        assertThat(results[1].getErrors()[0].getFields()).containsExactly("LastName");
        assertThat(results[2].getErrors()[0].getStatusCode()).isEqualTo(StatusCode.INVALID_EMAIL_ADDRESS);
        assertThat(results[3].getErrors()[0].getStatusCode()).isEqualTo(StatusCode.STRING_TOO_LONG);
        assertThat(results[3].isSuccess()).isFalse();
    }

    @Test
    void upsertByExternalIdCreatesThenUpdates() throws Exception {
        // given
        SObject first = contact("Ext", "ext@ok.example");
        first.setField("PenguinMails_Id__c", "pm-1");
        // when
        UpsertResult created = connection.upsert("PenguinMails_Id__c", new SObject[] {first})[0];
        SObject again = new SObject("Contact");
        again.setField("PenguinMails_Id__c", "pm-1");
        again.setField("PenguinMails_Lead_Score__c", 42);
        UpsertResult updated = connection.upsert("PenguinMails_Id__c", new SObject[] {again})[0];
        // then
        assertThat(created.isCreated()).isTrue();
        assertThat(updated.isCreated()).isFalse();
        assertThat(updated.getId()).isEqualTo(created.getId());
        SObject stored = connection.query("SELECT Id, LastName, PenguinMails_Lead_Score__c FROM Contact WHERE "
                + "PenguinMails_Id__c = 'PM-1'").getRecords()[0];
        assertThat(stored.getField("LastName")).isEqualTo("Ext");
        assertThat(Double.parseDouble((String) stored.getField("PenguinMails_Lead_Score__c"))).isEqualTo(42.0);
    }

    @Test
    void upsertRejectsDuplicatesAndNonExternalIdFields() throws Exception {
        // given
        SObject a = contact("A", "a@ok.example");
        a.setField("PenguinMails_Id__c", "dup");
        SObject b = contact("B", "b@ok.example");
        b.setField("PenguinMails_Id__c", "dup");
        SObject existing = contact("C", "c@ok.example");
        existing.setField("PenguinMails_Id__c", "taken");
        connection.create(new SObject[] {existing});
        SObject clash = contact("D", "d@ok.example");
        clash.setField("PenguinMails_Id__c", "taken");
        // when
        UpsertResult[] duplicates = connection.upsert("PenguinMails_Id__c", new SObject[] {a, b});
        UpsertResult[] byEmail = connection.upsert("Email", new SObject[] {contact("E", "e@ok.example")});
        SaveResult[] duplicateValue = connection.create(new SObject[] {clash});
        // then
        assertThat(duplicates).allSatisfy(r -> assertThat(r.getErrors()[0].getStatusCode())
                .isEqualTo(StatusCode.DUPLICATE_EXTERNAL_ID));
        assertThat(byEmail[0].getErrors()[0].getStatusCode()).isEqualTo(StatusCode.INVALID_FIELD);
        assertThat(duplicateValue[0].getErrors()[0].getStatusCode()).isEqualTo(StatusCode.DUPLICATE_VALUE);
    }

    @Test
    void moreThanTwoHundredRecordsFailTheWholeCall() {
        // given
        SObject[] records = new SObject[201];
        for (int i = 0; i < records.length; i++) {
            records[i] = contact("N" + i, "n" + i + "@ok.example");
        }
        // when / then
        assertThatThrownBy(() -> connection.create(records)).isInstanceOfSatisfying(UnexpectedErrorFault.class,
                f -> assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.EXCEEDED_ID_LIMIT));
    }

    @Test
    void getUpdatedAndGetDeletedReportChangesInTheWindow() throws Exception {
        // given
        Calendar start = connection.getServerTimestamp().getTimestamp();
        String changed = connection.create(new SObject[] {contact("Changed", "changed@ok.example")})[0].getId();
        String removed = connection.create(new SObject[] {contact("Removed", "removed@ok.example")})[0].getId();
        DeleteResult deleted = connection.delete(new String[] {removed})[0];
        http.advanceClock(120);
        Calendar end = connection.getServerTimestamp().getTimestamp();
        // when
        GetUpdatedResult updated = connection.getUpdated("Contact", start, end);
        GetDeletedResult gone = connection.getDeleted("Contact", start, end);
        // then
        assertThat(deleted.isSuccess()).isTrue();
        assertThat(updated.getIds()).contains(changed).doesNotContain(removed);
        assertThat(gone.getDeletedRecords()).extracting(r -> r.getId()).containsExactly(removed);
        assertThat(gone.getDeletedRecords()[0].getDeletedDate()).isNotNull();
        assertThat(updated.getLatestDateCovered().get(Calendar.SECOND)).isZero();
        assertThat(connection.query("SELECT Id FROM Contact WHERE Id = '" + removed + "'").getSize()).isZero();
    }

    @Test
    void replicationWindowsFollowSalesforceRules() throws Exception {
        // given
        Calendar now = connection.getServerTimestamp().getTimestamp();
        Calendar tooOld = (Calendar) now.clone();
        tooOld.add(Calendar.DAY_OF_MONTH, -31);
        // when / then
        assertThatThrownBy(() -> connection.getUpdated("Contact", now, now))
                .isInstanceOfSatisfying(UnexpectedErrorFault.class,
                    f -> assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.INVALID_REPLICATION_DATE));
        assertThatThrownBy(() -> connection.getUpdated("Contact", tooOld, now))
                .isInstanceOfSatisfying(UnexpectedErrorFault.class,
                    f -> assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.INVALID_REPLICATION_DATE));
    }

    @Test
    void mergeDeletesTheLoserAndPointsItAtTheWinner() throws Exception {
        // given
        Calendar start = connection.getServerTimestamp().getTimestamp();
        SaveResult[] saved = connection.create(new SObject[] {contact("Winner", "w@ok.example"),
            contact("Loser", "l@ok.example")});
        SObject master = new SObject("Contact");
        master.setId(saved[0].getId());
        MergeRequest request = new MergeRequest();
        request.setMasterRecord(master);
        request.setRecordToMergeIds(new String[] {saved[1].getId()});
        // when
        MergeResult merged = connection.merge(new MergeRequest[] {request})[0];
        http.advanceClock(120);
        GetDeletedResult gone = connection.getDeleted("Contact", start,
                connection.getServerTimestamp().getTimestamp());
        QueryResult all = connection.queryAll("SELECT Id, IsDeleted, MasterRecordId FROM Contact WHERE Id = '"
                + saved[1].getId() + "'");
        // then
        assertThat(merged.isSuccess()).isTrue();
        assertThat(merged.getMergedRecordIds()).containsExactly(saved[1].getId());
        assertThat(gone.getDeletedRecords()).extracting(r -> r.getId()).contains(saved[1].getId());
        assertThat(all.getRecords()[0].getField("IsDeleted")).isEqualTo("true");
        assertThat(all.getRecords()[0].getField("MasterRecordId")).isEqualTo(saved[0].getId());
        assertThat(connection.query("SELECT Id FROM Contact WHERE Id = '" + saved[0].getId() + "'").getSize())
                .isEqualTo(1);
    }

    @Test
    void describeSObjectListsFieldsWithTheirProperties() throws Exception {
        // when
        DescribeSObjectResult contact = connection.describeSObject("Contact");
        DescribeSObjectResult task = connection.describeSObject("Task");
        // then
        assertThat(contact.getKeyPrefix()).isEqualTo("003");
        assertThat(contact.isMergeable()).isTrue();
        Field lastName = field(contact, "LastName");
        assertThat(lastName.getType()).isEqualTo(FieldType.string);
        assertThat(lastName.getLength()).isEqualTo(80);
        assertThat(lastName.isNillable()).isFalse();
        Field externalId = field(contact, "PenguinMails_Id__c");
        assertThat(externalId.isExternalId()).isTrue();
        assertThat(externalId.isUnique()).isTrue();
        assertThat(externalId.isCustom()).isTrue();
        assertThat(field(contact, "Email").getType()).isEqualTo(FieldType.email);
        assertThat(field(contact, "MasterRecordId").getReferenceTo()).containsExactly("Contact");
        Field subtype = field(task, "TaskSubtype");
        assertThat(subtype.isUpdateable()).isFalse();
        assertThat(subtype.isCreateable()).isTrue();
        assertThat(subtype.getPicklistValues()).extracting(p -> p.getValue())
                .containsExactly("Task", "Email", "List Email", "Cadence", "Call");
        assertThat(field(task, "WhoId").getReferenceTo()).containsExactly("Contact", "Lead");
    }

    @Test
    void anExpiredSessionFaultsWithInvalidSessionId() throws Exception {
        // given
        connection.query("SELECT Id FROM Account LIMIT 1");
        http.advanceClock(Duration.ofHours(2).toSeconds() + 1);
        // when / then
        assertThatThrownBy(() -> connection.query("SELECT Id FROM Account LIMIT 1"))
                .isInstanceOfSatisfying(UnexpectedErrorFault.class,
                    f -> assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.INVALID_SESSION_ID));
    }

    @Test
    void responsesCarryTheLimitInfoHeader() throws Exception {
        // when
        connection.query("SELECT Id FROM Account LIMIT 1");
        // then
        var info = connection.getLimitInfoHeader().getLimitInfo()[0];
        assertThat(info.getType()).isEqualTo("API REQUESTS");
        assertThat(info.getLimit()).isEqualTo(100_000);
        assertThat(info.getCurrent()).isEqualTo(1);
    }

    private static SObject contact(String lastName, String email) {
        SObject contact = new SObject("Contact");
        contact.setField("LastName", lastName);
        contact.setField("Email", email);
        return contact;
    }

    private static Field field(DescribeSObjectResult describe, String name) {
        return Arrays.stream(describe.getFields()).filter(f -> f.getName().equals(name)).findFirst().orElseThrow();
    }
}
