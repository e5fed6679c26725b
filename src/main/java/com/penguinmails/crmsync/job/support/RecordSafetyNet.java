package com.penguinmails.crmsync.job.support;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * No single record fails a chunk: writes each chunk through a {@link NarrowableWriter} inside a savepoint of the
 * chunk's transaction; when the write fails for a reason no record causes ({@link ConnectionWideFailures}) the
 * failure goes on and fails the partition, so a restart resumes it; otherwise the chunk is halved, each half written
 * again in a savepoint of its own, and a half that fails halved again, until the records that fail alone are found:
 * each is dead-lettered by the writer ({@link NarrowableWriter#deadLetter}, naming its key and {@link
 * RecordFailureReason}) and counted as a write skip, and the rest of the chunk commits, with the reader's position,
 * in the one transaction, so a kill at any moment loses nothing and a restart replays the chunk whole.
 *
 * <p>When the first {@value #GIVE_UP_AFTER} records tried alone all fail and nothing of the chunk was written, the
 * failure is taken for the connection's, not the records': the first failure goes on and fails the partition.
 *
 * <p>Cost: one savepoint per chunk; after a failure, about two writes per level of halving for each failing record
 * (a chunk of 200 with one bad record: 16 writes), every record being written again at most once per level. A
 * record's CRM calls are sent again on each of those writes, idempotently ({@link NarrowableWriter#writeAgain}).
 *
 * <p>Why not Spring Batch 6's own skip ({@code faultTolerant().skipPolicy(...)}, whose scan rewrites a failed chunk
 * item by item in new transactions): the reader's position is committed with the first rescanned item, so a process
 * killed during the scan resumes after the whole chunk and loses the items not rescanned yet; its skip listener runs
 * in the transaction that is then rolled back; its skip policy is also asked about read failures (a skipped CRM page);
 * and item by item means one CRM call per record for Salesforce's 5,000-record outbound chunks.
 *
 * @param <T> the items written
 */
public final class RecordSafetyNet<T> implements ItemWriter<T> {

    /** Records failing alone, with nothing written, after which the failure is taken for the connection's. */
    static final int GIVE_UP_AFTER = 10;

    private static final Logger log = LoggerFactory.getLogger(RecordSafetyNet.class);

    private final NarrowableWriter<T> writer;
    private final TransactionOperations savepoints;

    /** @param savepoints runs a write in a savepoint of the chunk's transaction, rolled back to when it fails */
    public RecordSafetyNet(NarrowableWriter<T> writer, TransactionOperations savepoints) {
        this.writer = writer;
        this.savepoints = savepoints;
    }

    /** The safety net around {@code writer}, with savepoints ({@code PROPAGATION_NESTED}) of the step's manager. */
    public static <T> RecordSafetyNet<T> around(NarrowableWriter<T> writer,
                                                PlatformTransactionManager transactionManager) {
        TransactionTemplate nested = new TransactionTemplate(transactionManager);
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        return new RecordSafetyNet<>(writer, nested);
    }

    @Override
    public void write(Chunk<? extends T> chunk) throws Exception {
        List<T> items = new ArrayList<>(chunk.getItems());
        Exception failure = attempt(items, false);
        if (failure == null) {
            return;
        }
        Narrowing narrowing = new Narrowing(failure);
        narrowing.narrow(items, failure);
        countSkips(narrowing.deadLettered);
        log.warn("{}a chunk of {} records failed ({}); narrowed to {} record(s) dead-lettered (see 'errors list'), "
                        + "{} written", stepName(), items.size(), RecordFailureReason.of(failure),
                narrowing.deadLettered, narrowing.written);
        log.debug("the chunk's failure", failure);
    }

    /** Writes the items in a savepoint; the failure if they failed for a record's reason, rethrown if not. */
    private @Nullable Exception attempt(List<T> items, boolean again) throws Exception {
        try {
            savepoints.executeWithoutResult(status -> {
                try {
                    if (again) {
                        writer.writeAgain(new Chunk<>(items));
                    } else {
                        writer.write(new Chunk<>(items));
                    }
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new CheckedFailure(e);
                }
            });
            return null;
        } catch (CheckedFailure wrapped) {
            return recordsOrRethrow(wrapped.getCause());
        } catch (RuntimeException e) {
            return recordsOrRethrow(e);
        }
    }

    private static Exception recordsOrRethrow(Exception failure) throws Exception {
        if (ConnectionWideFailures.test(failure)) {
            throw failure;
        }
        return failure;
    }

    /** Finding the records that fail alone in a chunk that failed. */
    private final class Narrowing {
        private final Exception first;
        private int written;
        private int deadLettered;

        Narrowing(Exception first) {
            this.first = first;
        }

        /** {@code items} failed together with {@code failure}. */
        void narrow(List<T> items, Exception failure) throws Exception {
            if (items.size() == 1) {
                deadLettered++;
                if (written == 0 && deadLettered >= GIVE_UP_AFTER) {
                    throw first; // nothing goes through: not these records' doing
                }
                writer.deadLetter(items.get(0), RecordFailureReason.of(failure));
                return;
            }
            int half = items.size() / 2;
            for (List<T> part : List.of(items.subList(0, half), items.subList(half, items.size()))) {
                Exception partFailure = attempt(part, true);
                if (partFailure == null) {
                    written += part.size();
                } else {
                    narrow(part, partFailure);
                }
            }
        }
    }

    /** Dead-lettered records count as write skips, not writes (Spring Batch counts the chunk written after this). */
    private static void countSkips(int skipped) {
        StepContext context = StepSynchronizationManager.getContext();
        if (context == null || skipped == 0) {
            return;
        }
        StepExecution step = context.getStepExecution();
        step.setWriteSkipCount(step.getWriteSkipCount() + skipped);
        step.setWriteCount(step.getWriteCount() - skipped);
    }

    private static String stepName() {
        StepContext context = StepSynchronizationManager.getContext();
        return context == null ? "" : context.getStepExecution().getStepName() + ": ";
    }

    /** Carries a writer's (or reader's) checked exception through a transaction callback. */
    static final class CheckedFailure extends RuntimeException {
        CheckedFailure(Exception cause) {
            super(cause);
        }

        @Override
        public synchronized Exception getCause() {
            return (Exception) super.getCause();
        }
    }
}
