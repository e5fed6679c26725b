package com.penguinmails.crmsync.job.support;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * A chunk writer whose chunks {@link RecordSafetyNet} can narrow to the records that fail: it accepts any part of a
 * chunk again, down to one record, after an attempt of it rolled back, and it dead-letters a record that fails alone.
 *
 * @param <T> the items it writes
 */
public interface NarrowableWriter<T> extends ItemWriter<T> {

    /**
     * Writes these items again after an attempt that held them rolled back in this chunk: the attempt's CRM calls may
     * have landed, so a writer whose creates are only looked up when an earlier attempt may have made them (Pipedrive
     * activity markers) looks them up now. By default the same as {@link #write}.
     */
    default void writeAgain(Chunk<? extends T> items) throws Exception {
        write(items);
    }

    /**
     * Records that {@code item} failed on its own: one open error naming its record key and {@code reason} (never a
     * value), and whatever makes a later run try it again, as the writer's own refusals do. A dry run reports it
     * instead. Runs in the chunk's transaction, after the failed attempts were rolled back.
     */
    void deadLetter(T item, String reason);
}
