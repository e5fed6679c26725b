package com.penguinmails.crmsync.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.Cursor;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.Page;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSettings;
import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The HubSpot change feed against the sandbox: first and incremental syncs, paging, resuming, deletions, merges. */
class HubSpotChangeFeedIT {

    static final String SEARCH = "POST /crm/v3/objects/{objectType}/search";
    static final String ARCHIVED_LIST = "GET /crm/v3/objects/{objectType}";

    /** Everything one run of the feed returns, page by page, and the cursor it ends with. */
    record Run(List<Page<CrmRecord>> pages, Cursor end) {
        List<CrmRecord> records() {
            return pages.stream().flatMap(p -> p.items().stream()).toList();
        }

        List<CrmRecord> live() {
            return records().stream().filter(r -> !r.deleted()).toList();
        }

        List<CrmRecord> deletions() {
            return records().stream().filter(CrmRecord::deleted).toList();
        }
    }

    static Run run(SandboxConnection hubspot, ObjectType type, Cursor from, int pageSize) {
        List<Page<CrmRecord>> pages = new ArrayList<>();
        Cursor cursor = from;
        Page<CrmRecord> page;
        do {
            page = hubspot.connector.changes(type, cursor, pageSize);
            pages.add(page);
            cursor = page.next();
        } while (page.hasMore());
        return new Run(pages, cursor);
    }

    @Test
    void first_sync_reads_every_contact_oldest_first_in_pages_no_larger_than_asked() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(450))) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);

            // when
            Run run = run(hubspot, ObjectType.CONTACT, Cursor.START, 200);

            // then
            assertThat(run.live()).hasSize(450).extracting(CrmRecord::crmId).doesNotHaveDuplicates();
            assertThat(run.pages()).allSatisfy(p -> assertThat(p.items().size()).isLessThanOrEqualTo(200));
            assertThat(run.live()).extracting(CrmRecord::modifiedAt).isSorted();
            assertThat(run.live().get(0).fields()).containsKeys("email", "firstname", "lastmodifieddate");
            assertThat(run.deletions()).isEmpty();
            assertThat(hubspot.calls(SEARCH)).as("450 records at 200 per search").isEqualTo(3);
            assertThat(sandbox.server().stats().rateLimitedCount()).as("search paced under its own limit").isZero();
        }
    }

    @Test
    void a_first_sync_of_a_thousand_contacts_takes_nine_calls() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(1_000))) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);

            // when
            Run run = run(hubspot, ObjectType.CONTACT, Cursor.START, 200);

            // then
            assertThat(run.live()).hasSize(1_000);
            assertThat(hubspot.calls(SEARCH)).as("5 pages of 200; the last holds all its query matched").isEqualTo(5);
            assertThat(hubspot.totalCalls()).as("searches, one properties read, one archived list, one read of the "
                    + "subscription definitions (whose opt-out property counts as an opt-out), one read of HubSpot's time (a "
                    + "batch read's completedAt)").isEqualTo(9);
        }
    }

    @Test
    void records_search_has_not_indexed_yet_wait_for_the_next_run_instead_of_being_passed_over() {
        HubSpotSettings lagging = HubSpotSettings.defaults().withSearchIndexDelay(Duration.ofSeconds(5));
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(20),
                lagging)) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox, Map.of("searchIndexLag", "PT10S"));
            Run first = run(hubspot, ObjectType.CONTACT, Cursor.START, 100);
            String late = first.live().get(5).crmId();
            edit(hubspot, List.of(late), "Late");
            sandbox.server().clock().advance(Duration.ofSeconds(1));
            String early = first.live().get(6).crmId();
            edit(hubspot, List.of(early), "Early");
            sandbox.server().clock().advance(Duration.ofSeconds(5));

            // when: both are indexed now, but only 6 s have passed
            Run tooSoon = run(hubspot, ObjectType.CONTACT, first.end(), 100);
            sandbox.server().clock().advance(Duration.ofSeconds(10));
            Run later = run(hubspot, ObjectType.CONTACT, tooSoon.end(), 100);

            // then
            assertThat(first.live()).hasSize(20);
            assertThat(tooSoon.live()).isEmpty();
            assertThat(later.live()).extracting(CrmRecord::crmId).containsExactly(late, early);
        }
    }

    @Test
    void the_next_run_returns_only_what_changed_since_the_saved_cursor() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(120))) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);
            Run first = run(hubspot, ObjectType.CONTACT, Cursor.START, 100);
            List<String> edited = List.of(first.live().get(3).crmId(), first.live().get(70).crmId());
            edit(hubspot, edited, "Changed");

            // when
            Run second = run(hubspot, ObjectType.CONTACT, new Cursor(first.end().value()), 100);
            Run third = run(hubspot, ObjectType.CONTACT, second.end(), 100);

            // then
            assertThat(second.live()).extracting(CrmRecord::crmId).containsExactlyElementsOf(edited);
            assertThat(second.live()).allSatisfy(r -> assertThat(r.fields()).containsEntry("jobtitle", "Changed"));
            assertThat(third.records()).isEmpty();
        }
    }

    @Test
    void records_changed_while_the_feed_pages_are_read_again_and_none_is_skipped() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(300))) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);
            Page<CrmRecord> firstPage = hubspot.connector.changes(ObjectType.CONTACT, Cursor.START, 100);
            Set<String> all = new HashSet<>();
            run(SandboxConnection.privateApp(sandbox), ObjectType.CONTACT, Cursor.START, 200).live()
                    .forEach(r -> all.add(r.crmId()));
            String alreadyRead = firstPage.items().get(10).crmId();
            String notYetRead = firstPage.items().get(99).crmId();
            edit(hubspot, List.of(alreadyRead, notYetRead), "Moved");

            // when
            Run rest = run(hubspot, ObjectType.CONTACT, firstPage.next(), 100);

            // then
            Set<String> seen = new HashSet<>();
            firstPage.items().forEach(r -> seen.add(r.crmId()));
            rest.live().forEach(r -> seen.add(r.crmId()));
            assertThat(seen).isEqualTo(all);
            Map<String, CrmRecord> latest = new LinkedHashMap<>();
            rest.live().forEach(r -> latest.put(r.crmId(), r));
            assertThat(latest.get(alreadyRead).fields()).containsEntry("jobtitle", "Moved");
            assertThat(latest.get(notYetRead).fields()).containsEntry("jobtitle", "Moved");
        }
    }

    @Test
    void a_feed_resumed_from_its_saved_text_by_a_new_connector_goes_on_without_gaps_or_repeats() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(250))) {
            // given
            Page<CrmRecord> first = SandboxConnection.privateApp(sandbox).connector
                    .changes(ObjectType.CONTACT, Cursor.START, 90);
            String saved = first.next().value();

            // when: a restarted job opens a new connector with the saved cursor text
            Run rest = run(SandboxConnection.privateApp(sandbox), ObjectType.CONTACT, new Cursor(saved), 90);

            // then
            List<String> ids = new ArrayList<>();
            first.items().forEach(r -> ids.add(r.crmId()));
            rest.live().forEach(r -> ids.add(r.crmId()));
            assertThat(ids).hasSize(250).doesNotHaveDuplicates();
        }
    }

    @Test
    void deletions_and_merges_follow_the_updates_and_name_the_survivor() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(40))) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);
            Run first = run(hubspot, ObjectType.CONTACT, Cursor.START, 100);
            String deleted = first.live().get(0).crmId();
            String survivor = first.live().get(1).crmId();
            String mergedAway = first.live().get(2).crmId();
            hubspot.archive("contacts", deleted);
            hubspot.merge(survivor, mergedAway);

            // when
            Run second = run(hubspot, ObjectType.CONTACT, first.end(), 100);
            Run third = run(hubspot, ObjectType.CONTACT, second.end(), 100);

            // then
            assertThat(second.live()).extracting(CrmRecord::crmId).containsExactly(survivor);
            assertThat(second.deletions()).filteredOn(r -> r.crmId().equals(deleted)).singleElement()
                    .satisfies(r -> assertThat(r.mergedIntoId()).isNull());
            assertThat(second.deletions()).filteredOn(r -> r.crmId().equals(mergedAway)).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.mergedIntoId()).isEqualTo(survivor));
            List<CrmRecord> ordered = second.records();
            assertThat(ordered.indexOf(second.deletions().get(0)))
                    .as("the merge is announced before the survivor").isLessThan(ordered.indexOf(second.live().get(0)));
            assertThat(third.records()).as("a deletion is reported once").isEmpty();
        }
    }

    @Test
    void records_are_read_by_id_in_batches_of_a_hundred_as_the_feed_gives_them_and_gone_ids_are_absent() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(150))) {
            // given: one contact archived, one merged into another
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);
            List<CrmRecord> fed = run(hubspot, ObjectType.CONTACT, Cursor.START, 200).live();
            List<String> ids = fed.stream().map(CrmRecord::crmId).toList();
            hubspot.archive("contacts", ids.get(0));
            hubspot.merge(ids.get(1), ids.get(2));
            long batchReads = hubspot.calls("POST /crm/v3/objects/{objectType}/batch/read");

            // when
            List<String> asked = new ArrayList<>(ids);
            asked.add("987654321");
            List<CrmRecord> read = hubspot.connector.read(ObjectType.CONTACT, asked);

            // then: two batch reads; the merged-away id (HubSpot answers it with its survivor) and the archived and
            // unknown ones are absent, the rest come with the feed's properties
            assertThat(hubspot.calls("POST /crm/v3/objects/{objectType}/batch/read")).isEqualTo(batchReads + 2);
            assertThat(read).extracting(CrmRecord::crmId).hasSize(148).doesNotHaveDuplicates()
                    .doesNotContain(ids.get(0), ids.get(2)).contains(ids.get(1));
            CrmRecord unchanged = read.stream().filter(r -> r.crmId().equals(ids.get(3))).findFirst().orElseThrow();
            assertThat(unchanged.fields()).isEqualTo(fed.get(3).fields());
            assertThat(unchanged.modifiedAt()).isEqualTo(fed.get(3).modifiedAt());
        }
    }

    @Test
    void companies_and_deals_are_read_by_their_own_modification_property() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(40))) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);

            // when
            Run companies = run(hubspot, ObjectType.COMPANY, Cursor.START, 100);
            Run deals = run(hubspot, ObjectType.DEAL, Cursor.START, 100);

            // then
            assertThat(companies.live()).hasSize(8).allSatisfy(r ->
                    assertThat(r.fields()).containsKeys("name", "domain", "hs_lastmodifieddate"));
            assertThat(deals.live()).hasSize(10).extracting(CrmRecord::modifiedAt).isSorted();
        }
    }

    @Test
    void leads_are_refused_by_name() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults())) {
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);

            assertThatThrownBy(() -> hubspot.connector.changes(ObjectType.LEAD, Cursor.START, 100))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lead");
        }
    }

    @Test
    void the_feed_converges_through_server_errors_rate_limits_and_dropped_connections() {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(600))) {
            // given
            SandboxConnection hubspot = SandboxConnection.privateApp(sandbox);
            sandbox.server().faults(FaultPlan.of(Duration.ZERO, 0.2));

            // when
            Run run = run(hubspot, ObjectType.CONTACT, Cursor.START, 50);

            // then
            assertThat(run.live()).hasSize(600).extracting(CrmRecord::crmId).doesNotHaveDuplicates();
            assertThat(sandbox.server().stats().faultsInjectedCount()).isPositive();
        }
    }

    static void edit(SandboxConnection hubspot, List<String> ids, String jobTitle) {
        List<CrmRecord> edits = ids.stream().map(id -> CrmRecord.toWrite(ObjectType.CONTACT, id, null,
                Map.<String, Object>of("jobtitle", jobTitle))).toList();
        assertThat(hubspot.connector.upsert(ObjectType.CONTACT, edits)).allSatisfy(r -> assertThat(r.success()).isTrue());
    }

}
