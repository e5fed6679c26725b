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

    StoredBatches(long connectionId, ChangeNoticeStore notices, ChangeStreamPositionStore positions,
                  TransactionTemplate transactions) {
        this.connectionId = connectionId;
        this.notices = notices;
        this.positions = positions;
        this.transactions = transactions;
    }

    @Override
    public void accept(CrmChangeStream.Batch batch) {
        transactions.executeWithoutResult(status -> {
            notices.store(connectionId, batch.notices());
            positions.save(connectionId, batch.position());
        });
    }
}
