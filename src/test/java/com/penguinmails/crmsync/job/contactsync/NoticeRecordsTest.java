package com.penguinmails.crmsync.job.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a batch of one connection's notices becomes for the inbound writer, read against a CRM held in a map. */
class NoticeRecordsTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final List<ObjectType> OBJECTS = List.of(ObjectType.COMPANY, ObjectType.CONTACT);

    /** The CRM: the records it holds now; and what each read asked. */
    private final Map<String, CrmRecord> crm = Map.of(
            "c1", CrmRecord.of(ObjectType.CONTACT, "c1", T, Map.of("Email", "one@example.com")),
            "c3", CrmRecord.of(ObjectType.CONTACT, "c3", T, Map.of("Email", "three@example.com")),
            "a1", CrmRecord.of(ObjectType.COMPANY, "a1", T, Map.of("Name", "Acme")));
    private final List<Collection<String>> reads = new ArrayList<>();

    private List<CrmRecord> read(ObjectType type, Collection<String> ids) {
        reads.add(List.copyOf(ids));
        return ids.stream().map(crm::get).filter(r -> r != null && r.type() == type).toList();
    }

    @Test
    void everyRecordNamedIsReadOnceInOneBatchPerObjectAndCompaniesComeFirst() {
        // when
        NoticeRecords.Plan plan = NoticeRecords.plan(List.of(
                CrmChangeNotice.upserted("e1", ObjectType.CONTACT, "c1", T),
                CrmChangeNotice.upserted("e2", ObjectType.CONTACT, "c1", T.plusSeconds(1)),
                CrmChangeNotice.upserted("e3", ObjectType.COMPANY, "a1", T),
                CrmChangeNotice.upserted("e4", ObjectType.DEAL, "d1", T)), OBJECTS, this::read);

        // then: deals are not synced; the company precedes the person
        assertThat(reads).containsExactly(List.of("a1"), List.of("c1"));
        assertThat(plan.records()).extracting(CrmRecord::crmId).containsExactly("a1", "c1");
        assertThat(plan.records()).noneMatch(CrmRecord::deleted);
        assertThat(plan.deletions()).isZero();
    }

    @Test
    void aRecordTheCrmNoLongerHoldsIsADeletionWhateverTheNoticeSaidAndOneItHoldsIsAppliedAsItIs() {
        // when: c2 was edited, then deleted; c3 was deleted, then restored (the notices came in any order)
        NoticeRecords.Plan plan = NoticeRecords.plan(List.of(
                CrmChangeNotice.deleted("e1", ObjectType.CONTACT, "c3", T),
                CrmChangeNotice.upserted("e2", ObjectType.CONTACT, "c2", T.plusSeconds(5)),
                CrmChangeNotice.deleted("e3", ObjectType.CONTACT, "c2", T.plusSeconds(3))), OBJECTS, this::read);

        // then
        assertThat(plan.records()).filteredOn(CrmRecord::deleted).singleElement().satisfies(r -> {
            assertThat(r.crmId()).isEqualTo("c2");
            assertThat(r.modifiedAt()).isEqualTo(T.plusSeconds(5));
            assertThat(r.mergedIntoId()).isNull();
        });
        assertThat(plan.records()).filteredOn(r -> !r.deleted()).extracting(CrmRecord::crmId).containsExactly("c3");
        assertThat(plan.deletions()).isEqualTo(1);
    }

    @Test
    void aMergeReadsTheSurvivorAndTheMergedRecordsGoneFromTheCrmAreDeletionsMergedIntoIt() {
        // when
        NoticeRecords.Plan plan = NoticeRecords.plan(List.of(
                CrmChangeNotice.merged("e1", ObjectType.CONTACT, "c1", List.of("c7", "c8", "c1"), T)),
                OBJECTS, this::read);

        // then
        assertThat(reads).singleElement().satisfies(ids -> assertThat(ids).containsExactlyInAnyOrder("c1", "c7", "c8"));
        assertThat(plan.records()).filteredOn(CrmRecord::deleted).extracting(CrmRecord::crmId, CrmRecord::mergedIntoId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("c7", "c1"),
                        org.assertj.core.groups.Tuple.tuple("c8", "c1"));
        assertThat(plan.records()).filteredOn(r -> !r.deleted()).extracting(CrmRecord::crmId).containsExactly("c1");
    }

    @Test
    void aDeletionTheCrmSaysWasAMergeIsADeletionMergedIntoTheRecordItNames() {
        // given: Salesforce announces a merge as the loser's deletion; reading the loser by id names its master
        Map<String, CrmRecord> held = Map.of(
                "c1", CrmRecord.of(ObjectType.CONTACT, "c1", T, Map.of("Email", "one@example.com")),
                "c9", new CrmRecord(ObjectType.CONTACT, "c9", null, null, true, "c1", Map.of()));

        // when
        NoticeRecords.Plan plan = NoticeRecords.plan(List.of(
                CrmChangeNotice.deleted("e1", ObjectType.CONTACT, "c9", T),
                CrmChangeNotice.upserted("e2", ObjectType.CONTACT, "c1", T)), OBJECTS,
                (type, ids) -> ids.stream().map(held::get).filter(java.util.Objects::nonNull).toList());

        // then: the loser is a deletion at the notice's time, merged into its master; the master is applied
        assertThat(plan.records()).filteredOn(CrmRecord::deleted).singleElement().satisfies(r -> {
            assertThat(r.crmId()).isEqualTo("c9");
            assertThat(r.mergedIntoId()).isEqualTo("c1");
            assertThat(r.modifiedAt()).isEqualTo(T);
        });
        assertThat(plan.records()).filteredOn(r -> !r.deleted()).extracting(CrmRecord::crmId).containsExactly("c1");
    }

    @Test
    void aResyncNamesItsObjectAndReadsNothing() {
        // when
        NoticeRecords.Plan plan = NoticeRecords.plan(List.of(CrmChangeNotice.resync("e1", ObjectType.CONTACT, T),
                CrmChangeNotice.resync("e2", ObjectType.CONTACT, T), CrmChangeNotice.resync("e3", ObjectType.LEAD, T)),
                OBJECTS, this::read);

        // then: one object to read again (leads are not synced here)
        assertThat(plan.resync()).isEqualTo(Set.of(ObjectType.CONTACT));
        assertThat(plan.records()).isEmpty();
        assertThat(reads).isEmpty();
    }
}
