package com.penguinmails.crmsync.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.Activity;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.Cursor;
import com.penguinmails.crmsync.core.EventType;
import com.penguinmails.crmsync.core.FieldDescription;
import com.penguinmails.crmsync.core.ObjectDescription;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.WriteResult;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Email engagements logged idempotently on contacts, and objects described from the Properties API. */
class HubSpotActivitiesAndDescribeIT {

    static final String EMAIL_UPSERT = "POST /crm/v3/objects/{objectType}/batch/upsert";
    static final String ASSOCIATE = "POST /crm/v4/associations/{fromObjectType}/{toObjectType}/batch/create";

    static List<Activity> activities(List<CrmRecord> contacts, EventType event) {
        return IntStream.range(0, 150).mapToObj(i -> new Activity("msg-" + i, ObjectType.CONTACT,
                contacts.get(i % contacts.size()).crmId(), event, Instant.parse("2026-11-01T10:00:00Z").plusSeconds(i),
                "Subject " + i, "Body " + i, null)).toList();
    }

    @Test
    void activities_are_logged_as_emails_on_their_contacts_and_a_replay_updates_them() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(20))) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);
            List<CrmRecord> contacts = HubSpotChangeFeedIT.run(hubspot, ObjectType.CONTACT, Cursor.START, 100)
                    .live();
            long before = hubspot.totalCalls();

            // when
            List<WriteResult> first = hubspot.connector.logActivities(activities(contacts, EventType.SENT));
            long firstCalls = hubspot.totalCalls() - before;
            List<WriteResult> replay = hubspot.connector.logActivities(activities(contacts, EventType.BOUNCE));

            // then
            assertThat(first).hasSize(150).allSatisfy(r -> assertThat(r.success()).isTrue());
            assertThat(firstCalls).as("key property read + create, 2 upserts, 2 association calls").isEqualTo(6);
            assertThat(replay).extracting(WriteResult::crmId)
                    .containsExactlyElementsOf(first.stream().map(WriteResult::crmId).toList());
            assertThat(replay).extracting(WriteResult::created).containsOnly(false);
            assertThat(hubspot.liveRecords("emails")).isEqualTo(150);
            JsonNode email = hubspot.get("/crm/v3/objects/emails/" + first.get(3).crmId()
                    + "?properties=hs_email_status,hs_email_subject,hs_email_direction&associations=contacts");
            assertThat(email.path("properties").path("hs_email_status").asString()).isEqualTo("BOUNCED");
            assertThat(email.path("properties").path("hs_email_direction").asString()).isEqualTo("EMAIL");
            assertThat(email.path("associations").path("contacts").path("results").path(0).path("id").asString())
                    .isEqualTo(contacts.get(3).crmId());
        }
    }

    @Test
    void an_activity_with_a_known_crm_id_is_updated_by_it() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(3))) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);
            List<CrmRecord> contacts = HubSpotChangeFeedIT.run(hubspot, ObjectType.CONTACT, Cursor.START, 100)
                    .live();
            Activity sent = activities(contacts, EventType.SENT).get(0);
            String crmId = hubspot.connector.logActivities(List.of(sent)).get(0).crmId();
            Activity opened = new Activity(sent.key(), sent.whoType(), sent.whoCrmId(), EventType.OPEN,
                    sent.occurredAt(), sent.subject(), "Opened", crmId);

            // when
            List<WriteResult> results = hubspot.connector.logActivities(List.of(opened));

            // then
            assertThat(results).containsExactly(WriteResult.written(0, crmId, false));
            assertThat(hubspot.calls("POST /crm/v3/objects/{objectType}/batch/update")).isEqualTo(1);
            assertThat(hubspot.liveRecords("emails")).isEqualTo(1);
        }
    }

    @Test
    void an_activity_on_a_missing_contact_is_logged_but_reported_unassociated() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults())) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);
            Activity orphan = new Activity("msg-x", ObjectType.CONTACT, "424242", EventType.SENT, Instant.now(),
                    "Hello", "Body", null);

            // when
            List<WriteResult> results = hubspot.connector.logActivities(List.of(orphan));

            // then
            assertThat(results).singleElement().satisfies(r -> {
                assertThat(r.error()).isEqualTo("ASSOCIATION_FAILED");
                assertThat(r.crmId()).isNotNull();
            });
        }
    }

    @Test
    void describe_reports_types_writability_options_and_identifying_properties() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults())) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);

            // when
            ObjectDescription contacts = hubspot.connector.describe(ObjectType.CONTACT);
            ObjectDescription deals = hubspot.connector.describe(ObjectType.DEAL);

            // then
            assertThat(contacts.crmName()).isEqualTo("contacts");
            assertThat(contacts.field("email")).get().satisfies(f -> {
                assertThat(f.externalId()).isTrue();
                assertThat(f.updateable()).isTrue();
            });
            // read-only in HubSpot, but the connector writes an opt-out as a communication-preferences unsubscribe
            assertThat(contacts.field("hs_email_optout")).get().satisfies(f -> {
                assertThat(f.type()).isEqualTo("bool");
                assertThat(f.updateable()).isTrue();
            });
            assertThat(contacts.field("hs_lastmodifieddate").or(() -> contacts.field("lastmodifieddate"))).get()
                    .satisfies(f -> assertThat(f.updateable()).isFalse());
            assertThat(contacts.field("lifecyclestage")).get().extracting(FieldDescription::picklistValues)
                    .asList().contains("lead", "customer");
            assertThat(deals.field("amount")).get().extracting(FieldDescription::type).isEqualTo("number");
        }
    }
}
