package com.penguinmails.crmsync.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.Cursor;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.Page;
import com.penguinmails.crmsync.sandbox.pipedrive.PipedriveSandbox;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The change feed: oldest first across pages, records changing while paging, resuming, deletions and merges. */
class PipedriveChangesIT {

    private PipedriveSandbox sandbox;
    private PipedriveTestConnection pipedrive;

    @BeforeEach
    void start() {
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.ENTERPRISE)
                .withSeedContacts(120));
        pipedrive = PipedriveTestConnection.apiToken(sandbox, Map.of("requestsPerSecond", "50"));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void feedReadsEveryPersonOldestFirstOneListCallPerPage() {
        // when
        List<Page<CrmRecord>> pages = readAll(Cursor.START, 50);

        // then
        List<CrmRecord> records = pages.stream().flatMap(p -> p.items().stream()).toList();
        assertThat(records).hasSize(120);
        assertThat(records).extracting(CrmRecord::modifiedAt).isSortedAccordingTo(Instant::compareTo);
        assertThat(records).extracting(CrmRecord::crmId).doesNotHaveDuplicates();
        assertThat(pages).hasSize(3);
        assertThat(pages.get(2).hasMore()).isFalse();
        assertThat(pipedrive.requests("GET /api/v2/persons")).isEqualTo(3);
        assertThat(pipedrive.requests("GET /api/v2/personFields")).isEqualTo(1);
        CrmRecord first = records.get(0);
        assertThat(first.fields()).containsKeys("name", "emails", "org_id", "custom:PenguinMails Lead Score",
                "custom:PenguinMails Consent");
        assertThat(first.fields()).doesNotContainKey("custom_fields");
    }

    @Test
    void recordUpdatedWhilePagingComesAgainAfterItsOlderVersion() {
        // given
        Page<CrmRecord> first = pipedrive.connector.changes(ObjectType.CONTACT, Cursor.START, 50);
        String changed = first.items().get(0).crmId();

        // when
        pipedrive.connector.upsert(ObjectType.CONTACT, List.of(CrmRecord.toWrite(ObjectType.CONTACT, changed, null,
                Map.of("custom:PenguinMails Lead Score", 99))));
        List<CrmRecord> rest = readAll(first.next(), 50).stream().flatMap(p -> p.items().stream()).toList();

        // then
        assertThat(rest).hasSize(71);
        CrmRecord last = rest.get(rest.size() - 1);
        assertThat(last.crmId()).isEqualTo(changed);
        assertThat(last.fields().get("custom:PenguinMails Lead Score")).isEqualTo(99.0);
    }

    @Test
    void savedCursorResumesInANewConnectorWithOnlyLaterChanges() throws InterruptedException {
        // given: a caught-up feed, saved as text
        List<Page<CrmRecord>> pages = readAll(Cursor.START, 500);
        String saved = pages.get(pages.size() - 1).next().value();
        List<String> ids = pages.get(0).items().stream().map(CrmRecord::crmId).limit(3).toList();
        pipedrive.connector.upsert(ObjectType.CONTACT, ids.stream().map(id -> CrmRecord.toWrite(ObjectType.CONTACT,
                id, null, Map.<String, Object>of("custom:PenguinMails Lead Score", 7))).toList());
        PipedriveTestConnection restarted = PipedriveTestConnection.apiToken(sandbox, Map.of());

        // when
        Page<CrmRecord> page = restarted.connector.changes(ObjectType.CONTACT, new Cursor(saved), 100);

        // then
        assertThat(page.items()).extracting(CrmRecord::crmId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(page.hasMore()).isFalse();

        // and: once their second is over, one more read may hand some of them out again (which ones depends on
        // whether that second was already over when the page above was read: wall-clock timing), never anything
        // else; the read after it hands out nothing
        Thread.sleep(1_100);
        Page<CrmRecord> settled = restarted.connector.changes(ObjectType.CONTACT, page.next(), 100);
        assertThat(settled.items()).extracting(CrmRecord::crmId).isSubsetOf(ids);
        Page<CrmRecord> again = restarted.connector.changes(ObjectType.CONTACT, settled.next(), 100);
        assertThat(again.items()).isEmpty();
    }

    @Test
    void deletedAndMergedPersonsLeaveTheFeedAndAreFoundAmongKnownIds() {
        // given
        List<String> known = readAll(Cursor.START, 500).get(0).items().stream().map(CrmRecord::crmId).toList();
        pipedrive.delete("/api/v2/persons/" + known.get(5));
        pipedrive.put("/api/v1/persons/" + known.get(6) + "/merge", "{\"merge_with_id\": " + known.get(7) + "}");

        // when
        List<CrmRecord> deletions = pipedrive.connector.deletions(ObjectType.CONTACT, known);
        List<CrmRecord> feed = readAll(Cursor.START, 500).get(0).items();

        // then
        assertThat(deletions).extracting(CrmRecord::crmId).containsExactlyInAnyOrder(known.get(5), known.get(6));
        assertThat(deletions).allMatch(CrmRecord::deleted);
        assertThat(feed).extracting(CrmRecord::crmId).doesNotContain(known.get(5), known.get(6)).hasSize(118);
    }

    @Test
    void personsAreReadByIdInOneListCallAsTheFeedGivesThemAndDeletedMergedOrUnknownIdsAreAbsent() {
        // given
        List<CrmRecord> feed = readAll(Cursor.START, 500).get(0).items();
        List<String> known = feed.stream().map(CrmRecord::crmId).toList();
        pipedrive.delete("/api/v2/persons/" + known.get(1));
        pipedrive.put("/api/v1/persons/" + known.get(2) + "/merge", "{\"merge_with_id\": " + known.get(3) + "}");
        long listCalls = pipedrive.requests("GET /api/v2/persons");

        // when
        List<CrmRecord> read = pipedrive.connector.read(ObjectType.CONTACT, List.of(known.get(0), known.get(1),
                known.get(2), known.get(3), "999999", "not-an-id"));

        // then: one list call; the live ones with the feed's fields, the deleted, merged-away and unknown absent
        assertThat(pipedrive.requests("GET /api/v2/persons")).isEqualTo(listCalls + 1);
        assertThat(read).extracting(CrmRecord::crmId).containsExactlyInAnyOrder(known.get(0), known.get(3));
        CrmRecord first = read.stream().filter(r -> r.crmId().equals(known.get(0))).findFirst().orElseThrow();
        assertThat(first.fields()).isEqualTo(feed.get(0).fields());
        assertThat(first.modifiedAt()).isEqualTo(feed.get(0).modifiedAt());
        assertThat(pipedrive.connector.read(ObjectType.COMPANY, List.of())).isEmpty();
    }

    @Test
    void organizationsAndDealsHaveFeedsAndLeadsAreRefused() {
        assertThat(readAll(Cursor.START, 500).get(0).items()).isNotEmpty();
        assertThat(pipedrive.connector.changes(ObjectType.COMPANY, Cursor.START, 10).items()).hasSize(10);
        assertThat(pipedrive.connector.changes(ObjectType.DEAL, Cursor.START, 10).items()).hasSize(10);
        assertThatThrownBy(() -> pipedrive.connector.changes(ObjectType.LEAD, Cursor.START, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LEAD");
    }

    @Test
    void tenThousandPersonsAreReadInTwentyListCalls() {
        // given
        sandbox.close();
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.ENTERPRISE)
                .withSeedContacts(10_000));
        pipedrive = PipedriveTestConnection.apiToken(sandbox, Map.of("requestsPerSecond", "50"));

        // when
        List<Page<CrmRecord>> pages = readAll(Cursor.START, 500);

        // then
        assertThat(pages.stream().mapToInt(p -> p.items().size()).sum()).isEqualTo(10_000);
        assertThat(pipedrive.requests("GET /api/v2/persons")).isEqualTo(20);
        assertThat(pipedrive.tokensUsedToday()).isEqualTo(10 + 20 * 10);
    }

    private List<Page<CrmRecord>> readAll(Cursor from, int pageSize) {
        List<Page<CrmRecord>> pages = new ArrayList<>();
        Cursor cursor = from;
        Page<CrmRecord> page;
        do {
            page = pipedrive.connector.changes(ObjectType.CONTACT, cursor, pageSize);
            pages.add(page);
            cursor = page.next();
        } while (page.hasMore());
        return pages;
    }
}
