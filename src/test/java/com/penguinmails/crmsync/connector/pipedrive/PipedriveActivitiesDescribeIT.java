package com.penguinmails.crmsync.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.Activity;
import com.penguinmails.crmsync.core.EventType;
import com.penguinmails.crmsync.core.FieldDescription;
import com.penguinmails.crmsync.core.ObjectDescription;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.WriteResult;
import com.penguinmails.crmsync.sandbox.pipedrive.PipedriveSandbox;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Activity logging, idempotent by key, and describe. */
class PipedriveActivitiesDescribeIT {

    private PipedriveSandbox sandbox;
    private PipedriveTestConnection pipedrive;

    @BeforeEach
    void start() {
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.ENTERPRISE)
                .withSeedContacts(10));
        pipedrive = PipedriveTestConnection.apiToken(sandbox, Map.of());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aReplayedLogCreatesNoDuplicateAndAChangedEventUpdatesTheActivity() {
        // given
        long before = pipedrive.liveRecords("activities");
        Instant at = Instant.parse("2026-03-02T09:30:00Z");
        List<Activity> sent = List.of(
                email("msg-1", "1", EventType.values()[0], at, "Spring offer"),
                email("msg-2", "1", EventType.values()[0], at, "Spring offer, again"),
                email("msg-3", "2", EventType.values()[0], at, "Welcome"));

        // when
        List<WriteResult> first = pipedrive.connector.logActivities(sent);
        List<WriteResult> replay = pipedrive.connector.logActivities(sent);
        List<WriteResult> changed = pipedrive.connector.logActivities(List.of(
                email("msg-3", "2", EventType.values()[EventType.values().length - 1], at, "Welcome (opened)")));

        // then
        assertThat(first).allMatch(WriteResult::success).allMatch(WriteResult::created);
        assertThat(replay).allMatch(WriteResult::success).noneMatch(WriteResult::created);
        assertThat(replay).extracting(WriteResult::crmId).containsExactlyElementsOf(first.stream()
                .map(WriteResult::crmId).toList());
        assertThat(changed.get(0).crmId()).isEqualTo(first.get(2).crmId());
        assertThat(pipedrive.liveRecords("activities")).isEqualTo(before + 3);
        var stored = pipedrive.get("/api/v2/activities/" + first.get(2).crmId()).path("data");
        assertThat(stored.path("subject").asString()).isEqualTo("Welcome (opened)");
        assertThat(stored.path("type").asString()).isEqualTo("email");
        assertThat(stored.path("done").asBoolean()).isTrue();
        assertThat(stored.path("person_id").asLong()).isEqualTo(2);
        assertThat(stored.path("note").asString()).contains("[pm:msg-3]");
        // per log: one activities list per person, then a write only where something is new or changed
        assertThat(pipedrive.answered("POST /api/v2/activities", 200)).isEqualTo(3);
        assertThat(pipedrive.answered("PATCH /api/v2/activities/{id}", 200)).isEqualTo(1);
        assertThat(pipedrive.answered("GET /api/v2/activities", 200)).isEqualTo(2 + 2 + 1);
    }

    @Test
    void aKnownActivityIdIsUpdatedDirectlyAndLeadsAreRefusedAsResults() {
        // given
        Instant at = Instant.parse("2026-03-02T09:30:00Z");
        String id = pipedrive.connector.logActivities(List.of(email("m", "3", EventType.values()[0], at, "Hi")))
                .get(0).crmId();

        // when
        List<WriteResult> results = pipedrive.connector.logActivities(List.of(
                new Activity("m", ObjectType.CONTACT, "3", EventType.values()[0], at, "Hi there", "body", id),
                new Activity("n", ObjectType.LEAD, "3", EventType.values()[0], at, "Hi", "body", null)));

        // then
        assertThat(results.get(0)).matches(WriteResult::success).extracting(WriteResult::crmId).isEqualTo(id);
        assertThat(results.get(1).error()).isEqualTo("UNSUPPORTED_OBJECT");
        assertThat(pipedrive.answered("GET /api/v2/activities", 200)).isEqualTo(1);
    }

    @Test
    void describeListsStandardAndNamedCustomFieldsWithTheExternalIdField() {
        // when
        ObjectDescription persons = pipedrive.connector.describe(ObjectType.CONTACT);
        ObjectDescription again = pipedrive.connector.describe(ObjectType.CONTACT);

        // then
        assertThat(persons.crmName()).isEqualTo("persons");
        assertThat(persons.field("emails")).isPresent();
        assertThat(persons.field("name")).get().matches(FieldDescription::required);
        assertThat(persons.field("update_time")).get().matches(f -> !f.updateable());
        assertThat(persons.field("custom:PenguinMails Id")).get().matches(FieldDescription::externalId);
        assertThat(persons.field("custom:PenguinMails Consent")).get().extracting(FieldDescription::picklistValues)
                .isEqualTo(List.of("Subscribed", "Unsubscribed", "Bounced"));
        assertThat(again).isEqualTo(persons);
        assertThat(pipedrive.requests("GET /api/v2/personFields")).isEqualTo(1);
        assertThat(pipedrive.connector.describe(ObjectType.COMPANY).field("custom:PenguinMails Company Id")).get()
                .matches(FieldDescription::externalId);
        assertThat(pipedrive.connector.describe(ObjectType.DEAL).field("title")).isPresent();
    }

    private static Activity email(String key, String personId, EventType event, Instant at, String subject) {
        return new Activity(key, ObjectType.CONTACT, personId, event, at, subject, "Sent by PenguinMails", null);
    }
}
