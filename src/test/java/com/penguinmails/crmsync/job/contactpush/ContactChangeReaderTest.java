package com.penguinmails.crmsync.job.contactpush;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.store.ContactChangeStore;
import com.penguinmails.crmsync.store.ContactChangeStore.Change;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The outbound reader over an in-memory change log: unlinked contacts first when asked, then the log's marks in
 * (transaction, contact) order within the range, and a reader reopened from a saved state goes on where it stopped.
 */
class ContactChangeReaderTest {

    /** Unlinked contacts 1..5 and marks of transactions 100 (contacts 7, 3), 101 (2) and 105 (9, beyond the range). */
    private final InMemoryStore store = new InMemoryStore(List.of(1L, 2L, 3L, 4L, 5L),
            List.of(new Change(7, 100), new Change(3, 100), new Change(2, 101), new Change(9, 105)));

    @Test
    void readsTheUnlinkedContactsFirstThenTheMarksOfTheRangeInTransactionOrder() {
        // given
        ContactChangeReader reader = new ContactChangeReader(store, "t", 1, true, 100, 105, 2);
        reader.open(new ExecutionContext());

        // when
        List<Long> read = readAll(reader, 100);

        // then
        assertThat(read).containsExactly(1L, 2L, 3L, 4L, 5L, 3L, 7L, 2L);
    }

    @Test
    void withoutTheScanItReadsOnlyTheMarksFromItsWatermark() {
        // given a watermark at transaction 101
        ContactChangeReader reader = new ContactChangeReader(store, "t", 1, false, 101, 106, 2);
        reader.open(new ExecutionContext());

        // when / then
        assertThat(readAll(reader, 100)).containsExactly(2L, 9L);
    }

    @Test
    void aReaderReopenedFromASavedStateGoesOnWhereItStoppedInEitherPart() {
        for (int stopAfter = 1; stopAfter <= 7; stopAfter++) {
            // given a reader that read some items and saved its state (a committed chunk)
            ContactChangeReader first = new ContactChangeReader(store, "t", 1, true, 100, 105, 2);
            ExecutionContext saved = new ExecutionContext();
            first.open(saved);
            List<Long> before = readAll(first, stopAfter);
            first.update(saved);

            // when a new reader opens that state
            ContactChangeReader restarted = new ContactChangeReader(store, "t", 1, true, 100, 105, 2);
            restarted.open(saved);
            List<Long> after = readAll(restarted, 100);

            // then together they read everything once, in order
            List<Long> all = new ArrayList<>(before);
            all.addAll(after);
            assertThat(all).as("stopped after %d", stopAfter).containsExactly(1L, 2L, 3L, 4L, 5L, 3L, 7L, 2L);
        }
    }

    private static List<Long> readAll(ContactChangeReader reader, int max) {
        List<Long> read = new ArrayList<>();
        Change change;
        while (read.size() < max && (change = reader.read()) != null) {
            read.add(change.contactId());
        }
        return read;
    }

    /** The store's reads over lists; no database is ever reached. */
    private static final class InMemoryStore extends ContactChangeStore {
        private final List<Long> unlinked;
        private final List<Change> log;

        InMemoryStore(List<Long> unlinked, List<Change> log) {
            super(JdbcClient.create(new DriverManagerDataSource()));
            this.unlinked = unlinked;
            this.log = log.stream().sorted(Comparator.comparingLong(Change::xid).thenComparingLong(Change::contactId))
                    .toList();
        }

        @Override
        public List<Long> unlinkedContacts(String tenantId, long connectionId, long afterContactId, int limit) {
            return unlinked.stream().filter(id -> id > afterContactId).limit(limit).toList();
        }

        @Override
        public List<Change> page(String tenantId, long connectionId, long afterXid, long afterContactId,
                                 long belowXid, int limit) {
            return log.stream().filter(c -> c.xid() > afterXid || (c.xid() == afterXid && c.contactId() > afterContactId))
                    .filter(c -> c.xid() < belowXid).limit(limit).toList();
        }
    }
}
