package com.penguinmails.crmsync.job.contactpush;

import com.penguinmails.crmsync.store.ContactChangeStore;
import com.penguinmails.crmsync.store.ContactChangeStore.Change;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads a tenant's changed PenguinMails contacts for one connection's outbound partition: first, when it is to
 * create contacts in a CRM that has none of them yet, every live contact without a link to that CRM (by id), then
 * the change log's marks of transactions from {@code fromXid} up to {@code belowXid}, in (transaction, contact)
 * order, leaving out marks that only echo the connection's own inbound writes. A contact may come twice (unlinked and marked); the second time it costs nothing, as its CRM record then
 * holds its values. Its state (how far each part got) is saved with each chunk.
 */
public class ContactChangeReader implements ItemStreamReader<Change> {

    static final String LAST_UNLINKED = "reader.lastUnlinkedId";
    static final String LAST_XID = "reader.lastXid";
    static final String LAST_CONTACT = "reader.lastContactId";

    private final ContactChangeStore changes;
    private final String tenantId;
    private final long connectionId;
    private final boolean scanUnlinked;
    private final long fromXid;
    private final long belowXid;
    private final int pageSize;
    private final Deque<Change> page = new ArrayDeque<>();
    /** Where the unlinked scan got to: the last contact id read; -1 when it is over (or not wanted). */
    private long lastUnlinked;
    private long lastXid;
    private long lastContact;
    private boolean logExhausted;

    /**
     * @param connectionId the connection read for: marks that only echo its own inbound writes are left out
     * @param scanUnlinked whether to read the contacts without a link to the connection's CRM first
     * @param fromXid      the oldest marking transaction to read (a watermark: every older one was read)
     * @param belowXid     read only marks of transactions below this id (none had started when the step did)
     */
    public ContactChangeReader(ContactChangeStore changes, String tenantId, long connectionId, boolean scanUnlinked,
                               long fromXid, long belowXid, int pageSize) {
        this.changes = changes;
        this.tenantId = tenantId;
        this.connectionId = connectionId;
        this.scanUnlinked = scanUnlinked;
        this.fromXid = fromXid;
        this.belowXid = belowXid;
        this.pageSize = pageSize;
    }

    @Override
    public void open(ExecutionContext context) {
        lastUnlinked = context.getLong(LAST_UNLINKED, scanUnlinked ? 0 : -1);
        lastXid = context.getLong(LAST_XID, fromXid);
        lastContact = context.getLong(LAST_CONTACT, 0);
        page.clear();
        logExhausted = false;
    }

    @Override
    public @Nullable Change read() {
        if (page.isEmpty() && lastUnlinked >= 0) {
            List<Long> unlinked = changes.unlinkedContacts(tenantId, connectionId, lastUnlinked, pageSize);
            unlinked.forEach(id -> page.add(new Change(id, 0)));
            if (unlinked.isEmpty()) {
                lastUnlinked = -1;
            }
        }
        if (page.isEmpty() && lastUnlinked < 0 && !logExhausted) {
            List<Change> next = changes.page(tenantId, connectionId, lastXid, lastContact, belowXid, pageSize);
            page.addAll(next);
            logExhausted = next.size() < pageSize;
        }
        Change change = page.poll();
        if (change != null) {
            if (lastUnlinked >= 0) {
                lastUnlinked = change.contactId();
            } else {
                lastXid = change.xid();
                lastContact = change.contactId();
            }
        }
        return change;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(LAST_UNLINKED, lastUnlinked);
        context.putLong(LAST_XID, lastXid);
        context.putLong(LAST_CONTACT, lastContact);
    }
}
