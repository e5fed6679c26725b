package com.penguinmails.crmsync.connector.salesforce.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.core.CrmChangeNotice.Change;
import com.penguinmails.crmsync.core.ObjectType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which notices a change event gives. */
class ChangeNoticesTest {

    private static final byte[] REPLAY = {0, 0, 0, 0x2F, 0, 0, 0, 7};
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final String REST = "com/salesforce/api/rest/64.0";

    @Test
    void anUpdateOfSeveralRecordsGivesOneUpsertedNoticePerRecordKeyedByReplayIdAndRecord() {
        List<CrmChangeNotice> notices = ChangeNotices.of(event("Contact", "UPDATE", REST, "003A", "003B"));

        assertThat(notices).extracting(CrmChangeNotice::change).containsOnly(Change.UPSERTED);
        assertThat(notices).extracting(CrmChangeNotice::recordId).containsExactly("003A", "003B");
        assertThat(notices).extracting(CrmChangeNotice::eventId)
                .containsExactly("0000002f00000007:003A", "0000002f00000007:003B");
        assertThat(notices).extracting(CrmChangeNotice::type).containsOnly(ObjectType.CONTACT);
        assertThat(notices).extracting(CrmChangeNotice::occurredAt).containsOnly(AT);
    }

    @Test
    void createsUndeletesAndGapsAreUpsertsAndDeletesAreDeletes() {
        assertThat(ChangeNotices.of(event("Lead", "CREATE", REST, "00QA")).get(0).change()).isEqualTo(Change.UPSERTED);
        assertThat(ChangeNotices.of(event("Lead", "UNDELETE", REST, "00QA")).get(0).change())
                .isEqualTo(Change.UPSERTED);
        assertThat(ChangeNotices.of(event("Account", "GAP_UPDATE", "", "001A")).get(0))
                .extracting(CrmChangeNotice::change, CrmChangeNotice::type)
                .containsExactly(Change.UPSERTED, ObjectType.COMPANY);
        assertThat(ChangeNotices.of(event("Contact", "DELETE", REST, "003A")).get(0).change())
                .isEqualTo(Change.DELETED);
    }

    @Test
    void anOverflowAsksForAResyncOfTheObject() {
        List<CrmChangeNotice> notices = ChangeNotices.of(event("Lead", "GAP_OVERFLOW", ""));

        assertThat(notices).singleElement().extracting(CrmChangeNotice::change, CrmChangeNotice::type,
                CrmChangeNotice::recordId).containsExactly(Change.RESYNC, ObjectType.LEAD, null);
    }

    @Test
    void echoesOfOurOwnWritesAndObjectsNotSyncedGiveNothing() {
        assertThat(ChangeNotices.of(event("Contact", "UPDATE", REST + ";client=penguinmails-crm-sync", "003A")))
                .isEmpty();
        assertThat(ChangeNotices.of(event("Contact", "UPDATE", "com/salesforce/api/bulkapi/64.0;"
                + "client=penguinmails-crm-sync", "003A"))).isEmpty();
        assertThat(ChangeNotices.of(event("Opportunity", "UPDATE", REST, "006A"))).isEmpty();
        assertThat(ChangeNotices.of(event("Contact", "UPDATE", REST + ";client=penguinmails-crm-sync-2", "003A")))
                .hasSize(1);
    }

    @Test
    void aRejectedReplayIdAsksForAResyncOfEverySyncedObject() {
        assertThat(ChangeNotices.resyncAll("replay-rejected-1", AT))
                .extracting(CrmChangeNotice::type, CrmChangeNotice::change)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(ObjectType.CONTACT, Change.RESYNC),
                        org.assertj.core.groups.Tuple.tuple(ObjectType.LEAD, Change.RESYNC),
                        org.assertj.core.groups.Tuple.tuple(ObjectType.COMPANY, Change.RESYNC));
    }

    private static ChangeEvent event(String entity, String type, String origin, String... ids) {
        return new ChangeEvent(REPLAY, entity, type, List.of(ids), origin, AT);
    }
}
