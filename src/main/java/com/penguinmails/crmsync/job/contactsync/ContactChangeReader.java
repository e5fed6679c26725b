package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.store.ContactChangeStore;
import com.penguinmails.crmsync.store.ContactChangeStore.Change;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads a tenant's changed PenguinMails contacts in change order, within the change-number range the partition fixed
 * when it started. Its state is the change number of the last contact handed out, saved with each chunk.
 */
public class ContactChangeReader implements ItemStreamReader<Change> {

    static final String LAST_SEQ = "reader.lastSeq";

    private final ContactChangeStore changes;
    private final String tenantId;
    private final long fromSeq;
    private final long toSeq;
    private final int pageSize;
    private final Deque<Change> page = new ArrayDeque<>();
    private long lastRead;
    private long lastFetched;

    public ContactChangeReader(ContactChangeStore changes, String tenantId, long fromSeq, long toSeq, int pageSize) {
        this.changes = changes;
        this.tenantId = tenantId;
        this.fromSeq = fromSeq;
        this.toSeq = toSeq;
        this.pageSize = pageSize;
    }

    @Override
    public void open(ExecutionContext context) {
        lastRead = context.getLong(LAST_SEQ, fromSeq);
        lastFetched = lastRead;
        page.clear();
    }

    @Override
    public @Nullable Change read() {
        if (page.isEmpty() && lastFetched < toSeq) {
            List<Change> next = changes.page(tenantId, lastFetched, toSeq, pageSize);
            page.addAll(next);
            lastFetched = next.isEmpty() ? toSeq : next.get(next.size() - 1).seq();
        }
        Change change = page.poll();
        if (change != null) {
            lastRead = change.seq();
        }
        return change;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(LAST_SEQ, lastRead);
    }
}
