package com.penguinmails.crmsync.job.engagementsync;

import com.penguinmails.crmsync.core.EmailHistory;
import com.penguinmails.crmsync.store.ActivityBacklogStore;
import com.penguinmails.crmsync.store.EmailHistoryStore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the e-mails a connection's partition must log, in two passes: first the connection's backlog (e-mails that
 * waited for their contact to be linked, or were refused, and can be tried now), then the tenant's events in the
 * range the partition fixed when it started, a page of events at a time, as e-mails with their whole history up to
 * the end of the range. Its state (pass, last backlog key, the event page it is in and how far into it) is saved
 * with every chunk; a restart refetches that page and goes on after the last committed e-mail.
 */
class EmailHistoryReader implements ItemStreamReader<EmailHistory> {

    static final String PHASE = "reader.phase";
    static final String BACKLOG_CONTACT = "reader.backlogContact";
    static final String BACKLOG_MESSAGE = "reader.backlogMessage";
    static final String PAGE_AFTER = "reader.pageAfter";
    static final String OFFSET = "reader.offset";

    private static final int BACKLOG = 0;
    private static final int EVENTS = 1;
    private static final int DONE = 2;

    private final EmailHistoryStore histories;
    private final ActivityBacklogStore backlog;
    private final String tenantId;
    private final long connectionId;
    private final long fromEventId;
    private final long toEventId;
    private final Instant notBefore;
    private final int pageSize;

    private int phase;
    private EmailHistory.@Nullable Key backlogAfter;
    private final Deque<EmailHistory> backlogPage = new ArrayDeque<>();
    private EmailHistory.@Nullable Key lastBacklogRead;
    private long pageAfter;
    private int offset;
    private EmailHistoryStore.@Nullable EventPage page;

    /**
     * @param notBefore events that occurred earlier are not logged (a new connection's look-back)
     */
    public EmailHistoryReader(EmailHistoryStore histories, ActivityBacklogStore backlog, String tenantId,
                              long connectionId, long fromEventId, long toEventId, Instant notBefore, int pageSize) {
        this.histories = histories;
        this.backlog = backlog;
        this.tenantId = tenantId;
        this.connectionId = connectionId;
        this.fromEventId = fromEventId;
        this.toEventId = toEventId;
        this.notBefore = notBefore;
        this.pageSize = pageSize;
    }

    /** Makes a reader opened with {@code context} skip the backlog and read only the range's events. */
    static void eventsOnly(ExecutionContext context) {
        context.putInt(PHASE, EVENTS);
    }

    @Override
    public void open(ExecutionContext context) {
        phase = context.getInt(PHASE, BACKLOG);
        backlogAfter = context.containsKey(BACKLOG_CONTACT) ? new EmailHistory.Key(context.getLong(BACKLOG_CONTACT),
                context.getString(BACKLOG_MESSAGE)) : null;
        lastBacklogRead = backlogAfter;
        pageAfter = context.getLong(PAGE_AFTER, fromEventId);
        offset = context.getInt(OFFSET, 0);
        backlogPage.clear();
        page = null;
    }

    @Override
    public @Nullable EmailHistory read() {
        if (phase == BACKLOG) {
            EmailHistory next = nextFromBacklog();
            if (next != null) {
                return next;
            }
            phase = EVENTS;
        }
        while (phase == EVENTS) {
            if (pageAfter >= toEventId) {
                phase = DONE;
                break;
            }
            if (page == null) {
                page = histories.newEvents(tenantId, pageAfter, toEventId, notBefore, pageSize);
            }
            if (offset < page.emails().size()) {
                return page.emails().get(offset++);
            }
            pageAfter = page.lastEventId();
            offset = 0;
            page = null;
        }
        return null;
    }

    private @Nullable EmailHistory nextFromBacklog() {
        while (backlogPage.isEmpty()) {
            List<EmailHistory.Key> keys = backlog.ready(connectionId, backlogAfter, pageSize);
            if (keys.isEmpty()) {
                return null;
            }
            backlogAfter = keys.get(keys.size() - 1);
            // an e-mail whose events are all after the range end is left for the run that reaches them
            backlogPage.addAll(histories.histories(tenantId, keys, toEventId));
        }
        EmailHistory next = backlogPage.poll();
        lastBacklogRead = next.key();
        return next;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(PHASE, phase);
        if (lastBacklogRead != null) {
            context.putLong(BACKLOG_CONTACT, lastBacklogRead.contactId());
            context.putString(BACKLOG_MESSAGE, lastBacklogRead.messageId());
        }
        context.putLong(PAGE_AFTER, pageAfter);
        context.putInt(OFFSET, offset);
    }
}
