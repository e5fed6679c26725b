package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.core.CrmChangeNotice;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Contact-sync's real-time entry point: applies the change notices of one connection (webhooks, change events) the
 * way the inbound step applies the CRM's change feed: the records named are read by id in one batch call and go
 * through the same mapping, three-way merge, consent rules, stores, dead letters and audit. The caller holds
 * contact-sync's lock on the connection ({@code RunLocks.tryLease}).
 */
@Component
public class RealtimeInbound {

    /**
     * What applying a batch of notices did.
     *
     * @param upserted records read and applied
     * @param deleted  records deleted or merged away
     * @param failed   notices whose record went to the error table (not to be retried)
     * @param resynced objects whose change feed is to be read again (a RESYNC notice)
     */
    public record Outcome(int upserted, int deleted, int failed, int resynced) {
    }

    /**
     * Applies the notices of one connection, oldest first; a notice repeated, late or out of order converges to what
     * the CRM holds now.
     *
     * @throws RuntimeException when the connection as a whole fails (CRM down, auth, database): nothing of the batch
     *                          is to be taken as applied, the caller retries it later
     */
    public Outcome apply(long connectionId, List<CrmChangeNotice> notices) {
        throw new UnsupportedOperationException("real-time inbound is being built (issue 12)");
    }
}
