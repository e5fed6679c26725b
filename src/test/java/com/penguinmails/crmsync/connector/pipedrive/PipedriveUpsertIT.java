package com.penguinmails.crmsync.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.Cursor;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.WriteResult;
import com.penguinmails.crmsync.sandbox.pipedrive.PipedriveSandbox;
import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Upserts: one call per record, idempotent by the PenguinMails Id custom field, per-record refusals, limits. */
class PipedriveUpsertIT {

    private PipedriveSandbox sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void aThousandNewPersonsTakeOneCallEachAndAReplayUpdatesThem() {
        // given
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.ENTERPRISE)
                .withSeedContacts(50));
        PipedriveTestConnection pipedrive = PipedriveTestConnection.oauth(sandbox, Map.of("requestsPerSecond", "200",
                "dailyTokenBudget", "1200000"));
        List<CrmRecord> people = people(1_000, "pm-");

        // when
        List<WriteResult> first = pipedrive.connector.upsert(ObjectType.CONTACT, people);
        long createCalls = sandbox.server().stats().totalRequests();
        long createRejected = sandbox.server().stats().rateLimitedCount();
        long createTokens = pipedrive.tokensUsedToday();
        List<WriteResult> replay = pipedrive.connector.upsert(ObjectType.CONTACT, people);

        // then
        assertThat(first).allMatch(WriteResult::success).allMatch(WriteResult::created);
        assertThat(first).extracting(WriteResult::index).containsExactlyElementsOf(IntStream.range(0, 1_000).boxed()
                .toList());
        assertThat(replay).allMatch(WriteResult::success).noneMatch(WriteResult::created);
        assertThat(replay).extracting(WriteResult::crmId).containsExactlyElementsOf(first.stream()
                .map(WriteResult::crmId).toList());
        assertThat(pipedrive.liveRecords("persons")).isEqualTo(1_050);
        // 1 token request + 1 field list + 1 list page to look the PenguinMails ids up + 1,000 adds
        assertThat(pipedrive.answered("POST /api/v2/persons", 200)).isEqualTo(1_000);
        assertThat(createCalls - createRejected).isEqualTo(1_003);
        assertThat(createTokens).isEqualTo(10 + 10 + 1_000 * 5);
        // the replay: 3 list pages (1,050 persons) + 1,000 updates, no search
        assertThat(pipedrive.answered("PATCH /api/v2/persons/{id}", 200)).isEqualTo(1_000);
        assertThat(pipedrive.answered("GET /api/v2/persons", 200)).isEqualTo(1 + 3);
        assertThat(pipedrive.requests("GET /api/v2/persons/search")).isZero();
        assertThat(pipedrive.connector.budget().used()).isEqualTo(pipedrive.tokensUsedToday());
        System.out.printf("pipedrive: 1,000 creates = %d calls (%d of them 429), %d tokens; 1,000 replayed updates ="
                        + " %d calls (%d 429 in all), %d tokens%n", createCalls, createRejected, createTokens,
                sandbox.server().stats().totalRequests() - createCalls, sandbox.server().stats().rateLimitedCount(),
                pipedrive.tokensUsedToday() - createTokens);
    }

    @Test
    void customFieldsAreWrittenByNameAndOptionLabels() {
        // given
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.ENTERPRISE));
        PipedriveTestConnection pipedrive = PipedriveTestConnection.apiToken(sandbox, Map.of());

        // when
        List<WriteResult> results = pipedrive.connector.upsert(ObjectType.CONTACT, List.of(CrmRecord.toWrite(
                ObjectType.CONTACT, null, "pm-42", Map.of("name", "Ada Lovelace",
                        "emails", List.of(Map.of("value", "ada@example.com", "primary", true)),
                        "custom:PenguinMails Lead Score", 42, "custom:PenguinMails Consent", "Unsubscribed"))));

        // then
        assertThat(results).singleElement().matches(WriteResult::success);
        CrmRecord read = pipedrive.connector.changes(ObjectType.CONTACT, Cursor.START, 10).items().get(0);
        assertThat(read.crmId()).isEqualTo(results.get(0).crmId());
        assertThat(read.externalId()).isEqualTo("pm-42");
        assertThat(read.fields()).containsEntry("custom:PenguinMails Consent", "Unsubscribed")
                .containsEntry("custom:PenguinMails Lead Score", 42.0).containsEntry("custom:PenguinMails Id", "pm-42")
                .containsEntry("name", "Ada Lovelace");
    }

    @Test
    void refusalsAreResultsWithoutPersonalDataAndTheOthersAreWritten() {
        // given
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.ENTERPRISE));
        PipedriveTestConnection pipedrive = PipedriveTestConnection.apiToken(sandbox, Map.of());
        String longName = "Grace Hopper ".repeat(30);

        // when
        List<WriteResult> results = pipedrive.connector.upsert(ObjectType.CONTACT, List.of(
                CrmRecord.toWrite(ObjectType.CONTACT, null, "pm-1", Map.of("name", "Alan Turing")),
                CrmRecord.toWrite(ObjectType.CONTACT, null, "pm-2", Map.of("name", longName)),
                CrmRecord.toWrite(ObjectType.CONTACT, null, "pm-3", Map.of("name", "Edsger", "shoe_size", 44)),
                CrmRecord.toWrite(ObjectType.CONTACT, null, "pm-4", Map.of("name", "Barbara", "org_id", 999_999)),
                CrmRecord.toWrite(ObjectType.CONTACT, "888888", null, Map.of("name", "Gone")),
                CrmRecord.toWrite(ObjectType.CONTACT, "777777", null, Map.of("shoe_size", 44))));

        // then
        assertThat(results.get(0).success()).isTrue();
        assertThat(results.get(1).error()).isEqualTo("ERR_SCHEMA_VALIDATION_FAILED");
        assertThat(results.get(1).fields()).containsExactly("name");
        assertThat(results.get(1).message()).doesNotContain("Grace");
        assertThat(results.get(2).success()).as("written without the unknown field").isTrue();
        assertThat(results.get(2).droppedFields()).containsExactly("shoe_size");
        assertThat(results.get(2).message()).contains("UNKNOWN_FIELD");
        assertThat(results.get(5).error()).as("nothing else to write").isEqualTo("UNKNOWN_FIELD");
        assertThat(results.get(5).fields()).containsExactly("shoe_size");
        assertThat(results.get(3).success()).isFalse();
        assertThat(results.get(3).message()).contains("999999");
        assertThat(results.get(4).error()).isEqualTo("HTTP_404");
        assertThat(pipedrive.liveRecords("persons")).isEqualTo(2);
        assertThat(pipedrive.requests("POST /api/v2/persons")).isEqualTo(4);
    }

    @Test
    void writesConvergeThroughServerErrorsDroppedConnectionsAnd429s() {
        // given
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.ENTERPRISE)
                .withFaults(FaultPlan.of(Duration.ZERO, 0.2)));
        PipedriveTestConnection pipedrive = PipedriveTestConnection.apiToken(sandbox, Map.of("requestsPerSecond",
                "50"));
        List<CrmRecord> people = people(60, "f-");

        // when
        List<WriteResult> first = pipedrive.connector.upsert(ObjectType.CONTACT, people);
        List<WriteResult> replay = pipedrive.connector.upsert(ObjectType.CONTACT, people);

        // then
        assertThat(sandbox.server().stats().faultsInjectedCount()).isPositive();
        assertThat(first).allMatch(WriteResult::success);
        assertThat(replay).allMatch(WriteResult::success).noneMatch(WriteResult::created);
        assertThat(pipedrive.liveRecords("persons")).isEqualTo(60);
    }

    @Test
    void anExpiredOAuthTokenIsRefreshedMidRun() {
        // given
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.ENTERPRISE)
                .withTokenTtl(Duration.ofMinutes(10)));
        PipedriveTestConnection pipedrive = PipedriveTestConnection.oauth(sandbox, Map.of());
        pipedrive.connector.upsert(ObjectType.CONTACT, people(5, "a-"));

        // when
        sandbox.server().clock().advance(Duration.ofMinutes(11));
        List<WriteResult> results = pipedrive.connector.upsert(ObjectType.CONTACT, people(5, "b-"));

        // then
        assertThat(results).allMatch(WriteResult::success);
        assertThat(pipedrive.requests("POST /oauth/token")).isEqualTo(2);
        assertThat(pipedrive.liveRecords("persons")).isEqualTo(10);
    }

    @Test
    void aSpentDailyBudgetStopsTheConnection() {
        // given
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults());
        PipedriveTestConnection pipedrive = PipedriveTestConnection.apiToken(sandbox, Map.of());
        pipedrive.connector.describe(ObjectType.CONTACT);
        sandbox.spendDailyTokens(600_000 - 10 - 12);

        // when / then
        assertThatThrownBy(() -> pipedrive.connector.upsert(ObjectType.CONTACT, people(5, "q-")))
                .isInstanceOfSatisfying(CrmUnavailableException.class, e -> assertThat(e.reason())
                        .isEqualTo(CrmUnavailableException.Reason.QUOTA_EXHAUSTED));
        assertThat(pipedrive.connector.budget().remaining()).isLessThan(5);
    }

    @Test
    void inALargeAccountAFewIdsAreLookedUpBySearchInsteadOfListingEveryone() {
        // given: 1,200 persons (3 list pages), one of them already carrying pm-7
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.ENTERPRISE)
                .withSeedContacts(1_200));
        PipedriveTestConnection pipedrive = PipedriveTestConnection.apiToken(sandbox, Map.of());
        pipedrive.connector.upsert(ObjectType.CONTACT, List.of(CrmRecord.toWrite(ObjectType.CONTACT, "1100", "pm-7",
                Map.of())));

        // when
        List<WriteResult> results = pipedrive.connector.upsert(ObjectType.CONTACT, List.of(
                CrmRecord.toWrite(ObjectType.CONTACT, null, "pm-7", Map.of("name", "Known")),
                CrmRecord.toWrite(ObjectType.CONTACT, null, "pm-8", Map.of("name", "New"))));

        // then
        assertThat(results.get(0)).extracting(WriteResult::crmId, WriteResult::created).containsExactly("1100", false);
        assertThat(results.get(1).created()).isTrue();
        assertThat(pipedrive.answered("GET /api/v2/persons", 200)).isEqualTo(2);
        assertThat(pipedrive.answered("GET /api/v2/persons/search", 200)).isEqualTo(2);
        assertThat(pipedrive.liveRecords("persons")).isEqualTo(1_201);
    }

    @Test
    void leadsAreRefused() {
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults());
        PipedriveTestConnection pipedrive = PipedriveTestConnection.apiToken(sandbox, Map.of());
        assertThatThrownBy(() -> pipedrive.connector.upsert(ObjectType.LEAD, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LEAD");
    }

    private static List<CrmRecord> people(int count, String prefix) {
        return IntStream.range(0, count).mapToObj(i -> CrmRecord.toWrite(ObjectType.CONTACT, null, prefix + i,
                Map.<String, Object>of("name", "Person " + i, "emails", List.of(Map.of("value",
                        prefix + i + "@example.com", "primary", true))))).toList();
    }
}
