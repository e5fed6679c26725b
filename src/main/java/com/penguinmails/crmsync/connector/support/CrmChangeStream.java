package com.penguinmails.crmsync.connector.support;

import com.penguinmails.crmsync.core.CrmChangeNotice;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A CRM's own stream of change events for one connection (Salesforce Change Data Capture over the Pub/Sub API),
 * returned by its provider's {@link CrmConnectorProvider#changeStream()}. An open stream keeps itself running until
 * closed: it reconnects with backoff, refreshes the connection's token through the connector's OAuth path when the
 * CRM rejects it, resumes after the last position its listener accepted, and hands events over as notices in order,
 * one batch at a time, asking the CRM for more only once the listener has taken a batch.
 */
public interface CrmChangeStream {

    /**
     * What one batch of events says, and the position after it (opaque bytes, e.g. a Salesforce replay id) to store
     * with the notices. A batch may have no notices (its events were echoes of this suite's own writes) and still
     * move the position. A null position means the stored one can no longer be resumed (older than the CRM keeps
     * events): the notices then ask for a resync of each object, and the stream continues from the newest events.
     */
    record Batch(List<CrmChangeNotice> notices, byte @Nullable [] position) {

        public Batch {
            notices = List.copyOf(notices);
        }
    }

    /** Takes a connection's batches, in order, on the stream's thread. */
    @FunctionalInterface
    interface Listener {

        /**
         * Stores the batch: its notices and its position together (one transaction), so a restart resumes exactly
         * after what was stored. Throwing refuses it: the stream reconnects and delivers it again.
         */
        void accept(Batch batch);
    }

    /** One connection's running stream; {@link #close} ends it for good. */
    interface Subscription extends AutoCloseable {

        /** Whether a stream to the CRM is open right now (not between reconnects). */
        boolean connected();

        @Override
        void close();
    }

    /**
     * Starts streaming the connection's changes after {@code resumeAfter} (a position a batch gave), or from the
     * newest events when null.
     *
     * @param executor the connection's API executor: its tokens authenticate the stream
     * @throws CrmUnavailableException when the connection lacks what the stream needs (its account id)
     */
    Subscription open(ConnectionContext context, ApiExecutor executor, byte @Nullable [] resumeAfter,
                      Listener listener);
}
