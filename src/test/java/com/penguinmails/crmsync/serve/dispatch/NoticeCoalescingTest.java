package com.penguinmails.crmsync.serve.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.store.ChangeNoticeStore.Pending;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NoticeCoalescingTest {

    private static final Instant AT = Instant.parse("2026-11-01T00:00:00Z");
    private final AtomicLong ids = new AtomicLong();

    @Test
    void repeatedUpdatesOfARecordCoalesceToTheLast() {
        // given
        List<Pending> burst = List.of(upserted("e1", "c1"), upserted("e2", "c2"), upserted("e3", "c1"),
                upserted("e4", "c1"));

        // when / then
        assertThat(eventIds(NoticeCoalescing.coalesce(burst))).containsExactly("e2", "e4");
    }

    @Test
    void deletionsAndMergesAreKeptInOrderAndAnUpdateBeforeThemGoes() {
        // given: updated, deleted, restored; another merged
        List<Pending> burst = List.of(upserted("e1", "c1"), pending(CrmChangeNotice.deleted("e2", ObjectType.CONTACT,
                        "c1", AT)), upserted("e3", "c1"),
                pending(CrmChangeNotice.merged("e4", ObjectType.CONTACT, "c2", List.of("c3"), AT)),
                pending(CrmChangeNotice.merged("e5", ObjectType.CONTACT, "c2", List.of("c4"), AT)));

        // when / then
        assertThat(eventIds(NoticeCoalescing.coalesce(burst))).containsExactly("e2", "e3", "e4", "e5");
    }

    @Test
    void recordsOfDifferentTypesWithOneIdAreDifferentRecordsAndAResyncIsKeptOncePerType() {
        // given
        List<Pending> burst = List.of(upserted("e1", "x1"),
                pending(CrmChangeNotice.upserted("e2", ObjectType.COMPANY, "x1", AT)),
                pending(CrmChangeNotice.resync("e3", ObjectType.CONTACT, AT)),
                pending(CrmChangeNotice.resync("e4", ObjectType.CONTACT, AT)));

        // when / then
        assertThat(eventIds(NoticeCoalescing.coalesce(burst))).containsExactly("e1", "e2", "e4");
    }

    private Pending upserted(String eventId, String recordId) {
        return pending(CrmChangeNotice.upserted(eventId, ObjectType.CONTACT, recordId, AT));
    }

    private Pending pending(CrmChangeNotice notice) {
        return new Pending(ids.incrementAndGet(), notice);
    }

    private static List<String> eventIds(List<CrmChangeNotice> notices) {
        return notices.stream().map(CrmChangeNotice::eventId).toList();
    }
}
