package com.penguinmails.crmsync.serve.dispatch;

import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.job.contactsync.RealtimeInbound;
import java.util.List;

/**
 * What the drain hands a connection's coalesced notices to: contact-sync's real-time apply
 * ({@link RealtimeInbound#apply}) in the service; a stand-in in the dispatch tests.
 */
@FunctionalInterface
public interface NoticeApplier {

    /** @see RealtimeInbound#apply */
    RealtimeInbound.Outcome apply(long connectionId, List<CrmChangeNotice> notices);
}
