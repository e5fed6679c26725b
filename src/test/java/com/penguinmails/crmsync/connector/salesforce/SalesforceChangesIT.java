package com.penguinmails.crmsync.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.Cursor;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.Page;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import com.sforce.soap.partner.MergeRequest;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.sobject.SObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Salesforce change feed against the sandbox: first sync, windows, deletes, merges, resume, bulk, resync. */
class SalesforceChangesIT {

    private static SalesforceTestOrg org;

    @BeforeAll
    static void start() {
        org = new SalesforceTestOrg(SandboxOptions.defaults().withSeedContacts(450));
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
    void firstSyncPagesThroughEveryLiveContactOnceOldestFirst() throws Exception {
        // given
        CrmConnector connector = org.connector(Map.of());
        int live = org.partner().query("SELECT Id FROM Contact").getSize();
        long before = org.soapCalls();
        // when
        Feed feed = drain(connector, ObjectType.CONTACT, Cursor.START, 200);
        // then
        assertThat(feed.records).hasSize(live);
        assertThat(feed.records.stream().map(CrmRecord::crmId).distinct()).hasSize(live);
        assertThat(feed.records).isSortedAccordingTo(Comparator.comparing(CrmRecord::modifiedAt));
        assertThat(feed.pages).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(200));
        assertThat(feed.records.get(0).fields()).containsKeys("Email", "LastName", "HasOptedOutOfEmail");
        assertThat(feed.records.get(0).fields().get("HasOptedOutOfEmail")).isInstanceOf(Boolean.class);
        // getServerTimestamp + describe + one query per page of 200
        assertThat(org.soapCalls() - before).isEqualTo(2 + (live + 199) / 200);
    }

    @Test
    void aPageSizeBelowTheQueryMinimumIsHonoured() {
        // given
        CrmConnector connector = org.connector(Map.of());
        // when
        Page<CrmRecord> page = connector.changes(ObjectType.LEAD, Cursor.START, 50);
        // then
        assertThat(page.items()).hasSize(50);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void laterWindowsReportEditsDeletesAndMergesOldestFirst() throws Exception {
        // given
        CrmConnector connector = org.connector(Map.of());
        Cursor caughtUp = drain(connector, ObjectType.CONTACT, Cursor.START, 2000).next;
        PartnerConnection partner = org.partner();
        SObject[] some = partner.query("SELECT Id FROM Contact ORDER BY Id LIMIT 4").getRecords();
        SObject edit = new SObject("Contact");
        edit.setId(some[0].getId());
        edit.setField("Title", "Chief Penguin");
        partner.update(new SObject[] {edit});
        partner.delete(new String[] {some[1].getId()});
        SObject master = new SObject("Contact");
        master.setId(some[2].getId());
        MergeRequest merge = new MergeRequest();
        merge.setMasterRecord(master);
        merge.setRecordToMergeIds(new String[] {some[3].getId()});
        partner.merge(new MergeRequest[] {merge});
        org.advanceClock(Duration.ofMinutes(2));
        long before = org.soapCalls();
        // when
        Feed feed = drain(connector, ObjectType.CONTACT, caughtUp, 100);
        // then
        // getServerTimestamp, getDeleted, one query, one queryAll for the merged record's master
        assertThat(org.soapCalls() - before).isEqualTo(4);
        assertThat(feed.records).extracting(CrmRecord::crmId).containsExactlyInAnyOrder(some[0].getId(),
                some[1].getId(), some[2].getId(), some[3].getId());
        assertThat(feed.records).isSortedAccordingTo(Comparator.comparing(CrmRecord::modifiedAt));
        Map<String, CrmRecord> byId = new java.util.HashMap<>();
        feed.records.forEach(r -> byId.put(r.crmId(), r));
        assertThat(byId.get(some[0].getId()).fields().get("Title")).isEqualTo("Chief Penguin");
        assertThat(byId.get(some[1].getId()).deleted()).isTrue();
        assertThat(byId.get(some[1].getId()).merged()).isFalse();
        assertThat(byId.get(some[2].getId()).deleted()).isFalse();
        assertThat(byId.get(some[3].getId()).deleted()).isTrue();
        assertThat(byId.get(some[3].getId()).mergedIntoId()).isEqualTo(some[2].getId());
    }

    @Test
    void recordsAreReadByIdWithOneQueryPerTwoHundredIdsAsTheFeedGivesThemDeletedIdsAbsentAndMergedOnesNamingTheirMaster()
            throws Exception {
        // given: 250 contacts, one deleted and one merged into another
        CrmConnector connector = org.connector(Map.of());
        Map<String, CrmRecord> fed = new java.util.HashMap<>();
        drain(connector, ObjectType.CONTACT, Cursor.START, 2000).records.forEach(r -> fed.put(r.crmId(), r));
        PartnerConnection partner = org.partner();
        List<String> ids = java.util.Arrays.stream(partner.query("SELECT Id FROM Contact ORDER BY Id LIMIT 250")
                .getRecords()).map(SObject::getId).toList();
        partner.delete(new String[] {ids.get(0)});
        SObject master = new SObject("Contact");
        master.setId(ids.get(1));
        MergeRequest merge = new MergeRequest();
        merge.setMasterRecord(master);
        merge.setRecordToMergeIds(new String[] {ids.get(2)});
        partner.merge(new MergeRequest[] {merge});
        long before = org.soapCalls();

        // when
        List<String> asked = new java.util.ArrayList<>(ids);
        asked.add("not a Salesforce id");
        List<CrmRecord> read = connector.read(ObjectType.CONTACT, asked);

        // then: two queries for the live ones (with the feed's fields), one queryAll for the two not found; the deleted
        // and the malformed absent, the merged-away one a deletion naming its master
        assertThat(org.soapCalls() - before).isEqualTo(3);
        assertThat(read.stream().filter(r -> !r.deleted())).extracting(CrmRecord::crmId).hasSize(248)
                .doesNotContain(ids.get(0), ids.get(2)).contains(ids.get(1), ids.get(3));
        assertThat(read.stream().filter(CrmRecord::deleted))
                .singleElement().satisfies(merged -> {
                    assertThat(merged.crmId()).isEqualTo(ids.get(2));
                    assertThat(merged.mergedIntoId()).isEqualTo(ids.get(1));
                });
        CrmRecord unchanged = read.stream().filter(r -> r.crmId().equals(ids.get(3))).findFirst().orElseThrow();
        assertThat(unchanged.fields()).isEqualTo(fed.get(ids.get(3)).fields());
        assertThat(unchanged.deleted()).isFalse();
    }

    @Test
    void aWindowLargerThanAPageIsPagedWithoutAskingForItsDeletionsAgain() throws Exception {
        // given
        CrmConnector connector = org.connector(Map.of());
        Cursor caughtUp = drain(connector, ObjectType.CONTACT, Cursor.START, 2000).next;
        PartnerConnection partner = org.partner();
        SObject[] some = partner.query("SELECT Id FROM Contact ORDER BY Id LIMIT 301").getRecords();
        List<SObject> edits = new ArrayList<>();
        for (int i = 1; i < some.length; i++) {
            SObject edit = new SObject("Contact");
            edit.setId(some[i].getId());
            edit.setField("Title", "Edited " + i);
            edits.add(edit);
        }
        partner.update(edits.subList(0, 200).toArray(SObject[]::new));
        partner.update(edits.subList(200, 300).toArray(SObject[]::new));
        partner.delete(new String[] {some[0].getId()});
        org.advanceClock(Duration.ofMinutes(2));
        long before = org.soapCalls();
        // when
        Feed feed = drain(connector, ObjectType.CONTACT, caughtUp, 100);
        // then
        assertThat(feed.records).hasSize(301).isSortedAccordingTo(Comparator.comparing(CrmRecord::modifiedAt));
        assertThat(feed.records.stream().map(CrmRecord::crmId).distinct()).hasSize(301);
        assertThat(feed.pages).containsExactly(100, 100, 100, 1);
        assertThat(feed.records.get(300).deleted()).isTrue();
        // getServerTimestamp, getDeleted, 3 queries, 3 more getDeleted while the deletion is still ahead, and one
        // queryAll that finds the deletion was no merge
        assertThat(org.soapCalls() - before).isEqualTo(9);
    }

    @Test
    void aNewWindowWithinTheSameMinuteIsEmptyAndKeepsItsCursor() {
        // given
        CrmConnector connector = org.connector(Map.of());
        Cursor caughtUp = drain(connector, ObjectType.CONTACT, Cursor.START, 2000).next;
        long before = org.soapCalls();
        // when
        Page<CrmRecord> page = connector.changes(ObjectType.CONTACT, caughtUp, 100);
        // then
        assertThat(page.items()).isEmpty();
        assertThat(page.hasMore()).isFalse();
        assertThat(org.soapCalls() - before).isLessThanOrEqualTo(2);
    }

    @Test
    void aSavedCursorResumesInANewConnectorWithoutGapsOrRepeats() {
        // given
        int total = drain(org.connector(Map.of()), ObjectType.CONTACT, Cursor.START, 2000).records.size();
        Page<CrmRecord> first = org.connector(Map.of()).changes(ObjectType.CONTACT, Cursor.START, 120);
        String saved = first.next().value();
        // when
        Feed rest = drain(org.connector(Map.of()), ObjectType.CONTACT, new Cursor(saved), 120);
        // then
        Set<String> ids = new HashSet<>();
        first.items().forEach(r -> ids.add(r.crmId()));
        rest.records.forEach(r -> assertThat(ids.add(r.crmId())).as("repeated %s", r.crmId()).isTrue());
        assertThat(ids).hasSize(total);
    }

    @Test
    void recordsChangedWhilePagingAreReportedWithTheirNewValues() throws Exception {
        // given
        CrmConnector connector = org.connector(Map.of());
        Page<CrmRecord> first = connector.changes(ObjectType.CONTACT, Cursor.START, 200);
        String seen = first.items().get(0).crmId();
        SaveResult[] created = org.partner().create(new SObject[] {contact("Newcomer", "newcomer@ok.example")});
        SObject edit = new SObject("Contact");
        edit.setId(seen);
        edit.setField("Title", "Changed while paging");
        org.partner().update(new SObject[] {edit});
        // when
        Feed rest = drain(connector, ObjectType.CONTACT, first.next(), 200);
        org.advanceClock(Duration.ofMinutes(2));
        Feed next = drain(connector, ObjectType.CONTACT, rest.next, 200);
        // then
        assertThat(next.records).extracting(CrmRecord::crmId).containsExactlyInAnyOrder(created[0].getId(), seen);
        assertThat(next.records).filteredOn(r -> r.crmId().equals(seen)).singleElement()
                .satisfies(r -> assertThat(r.fields().get("Title")).isEqualTo("Changed while paging"));
        assertThat(rest.records).extracting(CrmRecord::crmId).doesNotContain(seen, created[0].getId());
    }

    @Test
    void aLargeFirstSyncIsReadWithABulkQueryJob() {
        // given
        CrmConnector connector = org.connector(Map.of("bulkQueryThreshold", "300"));
        int live = drain(org.connector(Map.of()), ObjectType.CONTACT, Cursor.START, 2000).records.size();
        // when
        Feed feed = drain(connector, ObjectType.CONTACT, Cursor.START, 200);
        // then
        assertThat(feed.records).hasSize(live);
        assertThat(feed.records.stream().map(CrmRecord::crmId).distinct()).hasSize(live);
        assertThat(feed.records).isSortedAccordingTo(Comparator.comparing(CrmRecord::modifiedAt));
        assertThat(org.restCalls("POST /services/data/{version}/jobs/query")).isEqualTo(1);
        assertThat(org.restCalls("GET /services/data/{version}/jobs/query/{jobId}/results"))
                .isEqualTo((live + 199) / 200);
        assertThat(feed.next.value()).contains("\"DELTA\"");
    }

    @Test
    void aCursorOlderThanThirtyDaysRestartsWithAFullResync() {
        // given
        SalesforceTestOrg.RefreshingTokens tokens = org.refreshingTokens();
        CrmConnector connector = org.connector(Map.of(), tokens);
        Cursor caughtUp = drain(connector, ObjectType.LEAD, Cursor.START, 2000).next;
        org.advanceClock(Duration.ofDays(31));
        // when
        Page<CrmRecord> page = connector.changes(ObjectType.LEAD, caughtUp, 50);
        // then
        assertThat(page.next().value()).contains("\"FULL\"").contains("full resync");
        assertThat(page.items()).hasSize(50);
        assertThat(tokens.refreshes()).isEqualTo(1);
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndTheFeedGoesOn() {
        // given
        SalesforceTestOrg.RefreshingTokens tokens = org.refreshingTokens();
        CrmConnector connector = org.connector(Map.of(), tokens);
        Page<CrmRecord> first = connector.changes(ObjectType.CONTACT, Cursor.START, 200);
        org.advanceClock(Duration.ofHours(2).plusMinutes(1));
        // when
        Feed rest = drain(connector, ObjectType.CONTACT, first.next(), 200);
        // then
        assertThat(tokens.refreshes()).isEqualTo(1);
        assertThat(rest.records).isNotEmpty();
    }

    static SObject contact(String lastName, String email) {
        SObject contact = new SObject("Contact");
        contact.setField("LastName", lastName);
        contact.setField("Email", email);
        return contact;
    }

    /** Everything a feed returns until it has caught up. */
    static Feed drain(CrmConnector connector, ObjectType type, Cursor from, int pageSize) {
        Feed feed = new Feed();
        Cursor cursor = from;
        for (int i = 0; i < 1000; i++) {
            Page<CrmRecord> page = connector.changes(type, cursor, pageSize);
            feed.records.addAll(page.items());
            feed.pages.add(page.items().size());
            cursor = page.next();
            if (!page.hasMore()) {
                feed.next = cursor;
                return feed;
            }
        }
        throw new AssertionError("the feed never caught up");
    }

    /** What {@link #drain} read. */
    static final class Feed {
        final List<CrmRecord> records = new ArrayList<>();
        final List<Integer> pages = new ArrayList<>();
        Cursor next = Cursor.START;
    }
}
