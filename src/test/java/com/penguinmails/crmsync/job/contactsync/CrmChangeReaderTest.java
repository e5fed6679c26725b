package com.penguinmails.crmsync.job.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.Activity;
import com.penguinmails.crmsync.core.ApiBudget;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.Cursor;
import com.penguinmails.crmsync.core.ObjectDescription;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.Page;
import com.penguinmails.crmsync.core.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class CrmChangeReaderTest {

    /** A change feed of fixed records per object type; cursors are offsets ("" = 0). */
    static final class ListFeed implements CrmConnector {
        final Map<ObjectType, List<CrmRecord>> records;
        final List<String> calls = new ArrayList<>();

        ListFeed(Map<ObjectType, List<CrmRecord>> records) {
            this.records = records;
        }

        @Override
        public Page<CrmRecord> changes(ObjectType type, Cursor since, int pageSize) {
            calls.add(type + "@" + since.value());
            List<CrmRecord> all = records.getOrDefault(type, List.of());
            int from = since.isStart() ? 0 : Integer.parseInt(since.value());
            int to = Math.min(all.size(), from + pageSize);
            return new Page<>(all.subList(from, to), new Cursor(Integer.toString(to)), to < all.size());
        }

        @Override
        public List<WriteResult> upsert(ObjectType type, List<CrmRecord> toWrite) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<WriteResult> logActivities(List<Activity> activities) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ObjectDescription describe(ObjectType type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ApiBudget budget() {
            return new ApiBudget(0, 1, null);
        }
    }

    private static List<CrmRecord> records(ObjectType type, int n) {
        List<CrmRecord> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(CrmRecord.of(type, type.name() + i, Instant.EPOCH.plusSeconds(i), Map.of()));
        }
        return list;
    }

    private static List<String> readAll(CrmChangeReader reader, int max) {
        List<String> ids = new ArrayList<>();
        CrmRecord record;
        while (ids.size() < max && (record = reader.read()) != null) {
            ids.add(record.crmId());
        }
        return ids;
    }

    @Test
    void readsEveryObjectTypeInTurnPageByPageAndKeepsEachFinalCursor() {
        ListFeed feed = new ListFeed(Map.of(ObjectType.COMPANY, records(ObjectType.COMPANY, 4),
                ObjectType.CONTACT, records(ObjectType.CONTACT, 5)));
        CrmChangeReader reader = new CrmChangeReader(feed, List.of(ObjectType.COMPANY, ObjectType.CONTACT),
                type -> Cursor.START, 3);
        reader.open(new ExecutionContext());

        assertThat(readAll(reader, 100)).containsExactly("COMPANY0", "COMPANY1", "COMPANY2", "COMPANY3",
                "CONTACT0", "CONTACT1", "CONTACT2", "CONTACT3", "CONTACT4");
        assertThat(reader.finishedCursors()).containsEntry(ObjectType.COMPANY, new Cursor("4"))
                .containsEntry(ObjectType.CONTACT, new Cursor("5"));
        assertThat(feed.calls).containsExactly("COMPANY@", "COMPANY@3", "CONTACT@", "CONTACT@3");
    }

    @Test
    void aRestartGoesOnAfterTheLastCommittedRecordMidPage() {
        // given: a run that committed after 4 contacts (mid second page), then died
        ListFeed feed = new ListFeed(Map.of(ObjectType.CONTACT, records(ObjectType.CONTACT, 7)));
        CrmChangeReader first = new CrmChangeReader(feed, List.of(ObjectType.CONTACT), type -> Cursor.START, 3);
        ExecutionContext saved = new ExecutionContext();
        first.open(saved);
        assertThat(readAll(first, 4)).containsExactly("CONTACT0", "CONTACT1", "CONTACT2", "CONTACT3");
        first.update(saved);

        // when
        CrmChangeReader restarted = new CrmChangeReader(feed, List.of(ObjectType.CONTACT), type -> Cursor.START, 3);
        restarted.open(saved);

        // then
        assertThat(readAll(restarted, 100)).containsExactly("CONTACT4", "CONTACT5", "CONTACT6");
    }

    @Test
    void eachObjectStartsFromItsOwnWatermark() {
        ListFeed feed = new ListFeed(Map.of(ObjectType.CONTACT, records(ObjectType.CONTACT, 5)));
        CrmChangeReader reader = new CrmChangeReader(feed, List.of(ObjectType.CONTACT), type -> new Cursor("3"), 10);
        reader.open(new ExecutionContext());
        assertThat(readAll(reader, 100)).containsExactly("CONTACT3", "CONTACT4");
    }
}
