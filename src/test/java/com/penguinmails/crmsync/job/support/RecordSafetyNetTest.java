package com.penguinmails.crmsync.job.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionOperations;

class RecordSafetyNetTest {

    /** Writes ints; a chunk holding a bad one fails whole (as one SQL statement would), writing nothing. */
    static final class Writer implements NarrowableWriter<Integer> {
        final Set<Integer> bad;
        final RuntimeException failure;
        final List<Integer> written = new ArrayList<>();
        final Map<Integer, String> deadLetters = new LinkedHashMap<>();
        final List<List<Integer>> attempts = new ArrayList<>();
        final List<Boolean> again = new ArrayList<>();

        Writer(Set<Integer> bad, RuntimeException failure) {
            this.bad = bad;
            this.failure = failure;
        }

        @Override
        public void write(Chunk<? extends Integer> chunk) {
            attempts.add(List.copyOf(chunk.getItems()));
            again.add(false);
            doWrite(chunk);
        }

        @Override
        public void writeAgain(Chunk<? extends Integer> chunk) {
            attempts.add(List.copyOf(chunk.getItems()));
            again.add(true);
            doWrite(chunk);
        }

        private void doWrite(Chunk<? extends Integer> chunk) {
            if (chunk.getItems().stream().anyMatch(bad::contains)) {
                throw failure;
            }
            written.addAll(chunk.getItems());
        }

        @Override
        public void deadLetter(Integer item, String reason) {
            deadLetters.put(item, reason);
        }
    }

    private static Chunk<Integer> chunk(int size) {
        return new Chunk<>(IntStream.range(0, size).boxed().toList());
    }

    private static RecordSafetyNet<Integer> net(Writer writer) {
        return new RecordSafetyNet<>(writer, TransactionOperations.withoutTransaction());
    }

    @Test
    void aChunkThatWritesIsWrittenOnceAsItIs() throws Exception {
        Writer writer = new Writer(Set.of(), new IllegalStateException("never"));
        net(writer).write(chunk(200));
        assertThat(writer.attempts).hasSize(1);
        assertThat(writer.written).hasSize(200);
        assertThat(writer.deadLetters).isEmpty();
    }

    @Test
    void aRecordThatFailsAloneIsDeadLetteredAndEveryOtherRecordIsWrittenOnceInAFewAttempts() throws Exception {
        // given: 200 records, record 137 fails any write that holds it
        Writer writer = new Writer(Set.of(137), new IllegalArgumentException("value for \"x@y.example\" refused"));

        // when
        net(writer).write(chunk(200));

        // then: the 199 others are written exactly once, the bad one dead-lettered with a reason naming no value
        assertThat(writer.written).hasSize(199).doesNotHaveDuplicates().doesNotContain(137);
        assertThat(writer.deadLetters).containsOnlyKeys(137);
        assertThat(writer.deadLetters.get(137)).startsWith("IllegalArgumentException: value for")
                .doesNotContain("x@y.example");
        // halving: about two attempts per level, written again (CRM creates looked up), not item by item
        assertThat(writer.attempts).hasSizeLessThanOrEqualTo(1 + 2 * 8);
        assertThat(writer.again.subList(1, writer.again.size())).containsOnly(true);
    }

    @Test
    void severalBadRecordsAreEachDeadLetteredOnce() throws Exception {
        Writer writer = new Writer(Set.of(0, 1, 50, 199), new DataIntegrityViolationException("check"));
        net(writer).write(chunk(200));
        assertThat(writer.deadLetters).containsOnlyKeys(0, 1, 50, 199);
        assertThat(writer.written).hasSize(196).doesNotHaveDuplicates();
    }

    @Test
    void aChunkOfOneThatFailsIsDeadLetteredWithoutAnotherAttempt() throws Exception {
        Writer writer = new Writer(Set.of(0), new IllegalStateException("boom"));
        net(writer).write(chunk(1));
        assertThat(writer.attempts).hasSize(1);
        assertThat(writer.deadLetters).containsOnlyKeys(0);
    }

    @Test
    void aConnectionWideFailureFailsTheChunkWithoutNarrowingIt() {
        CrmUnavailableException down = new CrmUnavailableException(CrmUnavailableException.Reason.CRM_DOWN,
                "connection 5: contacts batch upsert failed 7 times: HTTP 503");
        Writer writer = new Writer(Set.of(3), down);
        assertThatThrownBy(() -> net(writer).write(chunk(20))).isSameAs(down);
        assertThat(writer.attempts).hasSize(1);
        assertThat(writer.deadLetters).isEmpty();
    }

    @Test
    void whenEveryRecordTriedAloneFailsTheChunkFailsWithItsFirstFailureAndNothingIsDeadLettered() {
        // given: a failure no classifier knows, but every record meets it (a permission the CRM user lacks)
        IllegalStateException everyone = new IllegalStateException("403 MISSING_SCOPES");
        Writer writer = new Writer(Set.copyOf(IntStream.range(0, 200).boxed().toList()), everyone);
        RecordSafetyNet<Integer> net = net(writer);

        // when / then: given up after a few records, at a bounded cost
        assertThatThrownBy(() -> net.write(chunk(200))).isSameAs(everyone);
        assertThat(writer.deadLetters).hasSizeLessThan(RecordSafetyNet.GIVE_UP_AFTER);
        assertThat(writer.attempts).hasSizeLessThanOrEqualTo(40);
    }

    @Test
    void aSmallChunkWhoseRecordsAllFailIsDeadLetteredWhole() throws Exception {
        Writer writer = new Writer(Set.of(0, 1, 2), new IllegalStateException("bad"));
        net(writer).write(chunk(3));
        assertThat(writer.deadLetters).containsOnlyKeys(0, 1, 2);
    }
}
