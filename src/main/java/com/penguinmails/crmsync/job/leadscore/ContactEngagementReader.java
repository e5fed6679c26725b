package com.penguinmails.crmsync.job.leadscore;

import com.penguinmails.crmsync.core.ContactEngagement;
import com.penguinmails.crmsync.store.EngagementStore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads, page by page in contact-id order, the contacts of one tenant with events in the partition's event-id range,
 * each with its engagement. Its state is the id of the last contact handed out, saved with every chunk commit, so a
 * restart goes on after the last committed chunk without reading anything twice.
 */
class ContactEngagementReader implements ItemStreamReader<ContactEngagement> {

    static final String LAST_CONTACT_ID = "lastContactId";

    private final EngagementStore store;
    private final String tenantId;
    private final long fromEventId;
    private final long toEventId;
    private final Instant asOf;
    private final int pageSize;
    private final Deque<ContactEngagement> page = new ArrayDeque<>();
    private long lastReadContactId;
    private long lastFetchedContactId;
    private boolean exhausted;

    public ContactEngagementReader(EngagementStore store, String tenantId, long fromEventId, long toEventId,
                                   Instant asOf, int pageSize) {
        this.store = store;
        this.tenantId = tenantId;
        this.fromEventId = fromEventId;
        this.toEventId = toEventId;
        this.asOf = asOf;
        this.pageSize = pageSize;
    }

    @Override
    public void open(ExecutionContext context) {
        lastReadContactId = context.getLong(LAST_CONTACT_ID, 0L);
        lastFetchedContactId = lastReadContactId;
        page.clear();
        exhausted = fromEventId >= toEventId;
    }

    @Override
    public @Nullable ContactEngagement read() {
        if (page.isEmpty() && !exhausted) {
            var next = store.contactsWithNewEvents(tenantId, fromEventId, toEventId, asOf, lastFetchedContactId,
                    pageSize);
            page.addAll(next);
            if (next.size() < pageSize) {
                exhausted = true;
            }
            if (!next.isEmpty()) {
                lastFetchedContactId = next.get(next.size() - 1).contactId();
            }
        }
        ContactEngagement contact = page.poll();
        if (contact != null) {
            lastReadContactId = contact.contactId();
        }
        return contact;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(LAST_CONTACT_ID, lastReadContactId);
    }
}
