package com.penguinmails.crmsync.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.Activity;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.EventType;
import com.penguinmails.crmsync.core.FieldDescription;
import com.penguinmails.crmsync.core.ObjectDescription;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.WriteResult;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.sforce.soap.partner.sobject.SObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** E-mails logged as Salesforce Tasks, idempotently, and objects described, against the sandbox. */
class SalesforceActivitiesAndDescribeIT {

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
        org.reset();
    }

    @Test
    void loggingTheSameKeysAgainUpdatesTheirTasksInsteadOfDuplicating() throws Exception {
        // given
        CrmConnector connector = org.connector(Map.of());
        String who = connector.upsert(ObjectType.CONTACT, SalesforceUpsertIT.contacts(1, "who-")).get(0).crmId();
        Instant sent = Instant.parse("2026-11-02T23:30:00Z");
        List<Activity> first = List.of(
                new Activity("msg-1", ObjectType.CONTACT, who, EventType.SENT, sent, "Hello", "First mail", null),
                new Activity("msg-2", ObjectType.CONTACT, who, EventType.OPEN, sent, "x".repeat(300), "Second", null));
        List<Activity> replay = List.of(
                new Activity("msg-1", ObjectType.CONTACT, who, EventType.CLICK, sent, "Hello", "Clicked", null),
                new Activity("msg-2", ObjectType.CONTACT, who, EventType.OPEN, sent, "x".repeat(300), "Second", null));
        // when
        List<WriteResult> logged = connector.logActivities(first);
        List<WriteResult> again = connector.logActivities(replay);
        // then
        assertThat(logged).allMatch(WriteResult::success).allMatch(WriteResult::created);
        assertThat(again).allMatch(WriteResult::success).noneMatch(WriteResult::created)
                .extracting(WriteResult::crmId).containsExactlyElementsOf(logged.stream().map(WriteResult::crmId)
                        .toList());
        SObject[] tasks = org.partner().query("SELECT Id, WhoId, Subject, Status, TaskSubtype, ActivityDate, "
                + "Description, PenguinMails_Id__c FROM Task ORDER BY PenguinMails_Id__c").getRecords();
        assertThat(tasks).hasSize(2);
        assertThat(tasks[0].getField("Description")).isEqualTo("Clicked");
        assertThat(tasks[0].getField("TaskSubtype")).isEqualTo("Email");
        assertThat(tasks[0].getField("Status")).isEqualTo("Completed");
        assertThat(tasks[0].getField("WhoId")).isEqualTo(who);
        assertThat(tasks[0].getField("ActivityDate")).isEqualTo("2026-11-02");
        assertThat((String) tasks[1].getField("Subject")).hasSize(255);
    }

    @Test
    void anActivityWithAKnownTaskIdIsUpdatedByIdAndARefusedOneIsAResult() {
        // given
        CrmConnector connector = org.connector(Map.of());
        String who = connector.upsert(ObjectType.CONTACT, SalesforceUpsertIT.contacts(1, "who-")).get(0).crmId();
        Instant now = Instant.now();
        String task = connector.logActivities(List.of(new Activity("msg-9", ObjectType.CONTACT, who, EventType.SENT,
                now, "Hi", "Body", null))).get(0).crmId();
        // when
        List<WriteResult> results = connector.logActivities(List.of(
                new Activity("msg-9", ObjectType.CONTACT, who, EventType.REPLY, now, "Hi", "Replied", task),
                new Activity("msg-10", ObjectType.CONTACT, "003000000000000AAA", EventType.SENT, now, "Hi", "B",
                        null)));
        // then
        assertThat(results.get(0).crmId()).isEqualTo(task);
        assertThat(results.get(1).success()).isFalse();
        assertThat(results.get(1).fields()).contains("WhoId");
    }

    @Test
    void describeReportsFieldsWithTypesWritabilityAndPicklists() {
        // given
        CrmConnector connector = org.connector(Map.of());
        // when
        ObjectDescription contact = connector.describe(ObjectType.CONTACT);
        ObjectDescription lead = connector.describe(ObjectType.LEAD);
        connector.describe(ObjectType.CONTACT);
        // then
        assertThat(contact.crmName()).isEqualTo("Contact");
        FieldDescription lastName = contact.field("LastName").orElseThrow();
        assertThat(lastName.required()).isTrue();
        assertThat(lastName.length()).isEqualTo(80);
        assertThat(contact.field("Email").orElseThrow().type()).isEqualTo("email");
        assertThat(contact.field("HasOptedOutOfEmail").orElseThrow().required()).isFalse();
        FieldDescription externalId = contact.field("PenguinMails_Id__c").orElseThrow();
        assertThat(externalId.externalId()).isTrue();
        assertThat(externalId.updateable()).isTrue();
        assertThat(contact.field("SystemModstamp").orElseThrow().createable()).isFalse();
        assertThat(lead.field("Status").orElseThrow().picklistValues()).contains("Open - Not Contacted");
        assertThat(org.soapCalls()).as("one describe per object per connector").isEqualTo(2);
    }
}
