package com.penguinmails.crmsync.serve.changestream;

import com.penguinmails.crmsync.connector.support.CrmChangeStream;
import com.penguinmails.crmsync.store.ChangeNoticeStore;
import com.penguinmails.crmsync.store.ChangeStreamPositionStore;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The listener of one connection's change stream: each batch's notices and the position after them are stored in
 * one transaction, so a stream restarted anywhere resumes exactly after what was stored (no loss; a batch
 * delivered again is deduplicated by the notices' event ids).
 */
final class StoredBatches implements CrmChangeStream.Listener {

    private final long connectionId;
    private final ChangeNoticeStore notices;
    private final ChangeStreamPositionStore positions;
    private final TransactionTemplate transactions;
    private final java.util.function.LongConsumer afterCommit;

    /** @param afterCommit told the connection's id once a batch with new notices has committed (dispatch) */
    StoredBatches(long connectionId, ChangeNoticeStore notices, ChangeStreamPositionStore positions,
                  TransactionTemplate transactions, java.util.function.LongConsumer afterCommit) {
        this.connectionId = connectionId;
        this.notices = notices;
        this.positions = positions;
        this.transactions = transactions;
        this.afterCommit = afterCommit;
    }

    @Override
    public void accept(CrmChangeStream.Batch batch) {
        Integer stored = transactions.execute(status -> {
            int added = notices.store(connectionId, batch.notices());
            positions.save(connectionId, batch.position());
            return added;
        });
        if (stored != null && stored > 0) {
            afterCommit.accept(connectionId);
        }
    }
}
