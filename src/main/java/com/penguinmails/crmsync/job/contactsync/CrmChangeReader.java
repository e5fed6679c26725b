package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.Cursor;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads a connection's CRM change feed, object type after object type, a page at a time. Its state — the object it
 * is on, the cursor of the page it is in and how far into that page, and the final cursor of each object it finished
 * — is saved with every chunk, so a restart refetches that page and goes on after the last committed record. A
 * replayed record is harmless: the inbound merge is idempotent.
 */
class CrmChangeReader implements ItemStreamReader<CrmRecord> {

    static final String OBJECT_INDEX = "reader.objectIndex";
    static final String PAGE_CURSOR = "reader.pageCursor";
    static final String OFFSET = "reader.offset";
    /** Prefix of the keys holding each finished object's final cursor (e.g. {@code reader.done.CONTACT}). */
    static final String DONE = "reader.done.";

    private final CrmConnector connector;
    private final List<ObjectType> objects;
    private final Function<ObjectType, Cursor> startCursor;
    private final int pageSize;
    private final Map<ObjectType, Cursor> done = new LinkedHashMap<>();
    private int objectIndex;
    private Cursor pageCursor = Cursor.START;
    private int offset;
    private @Nullable Page<CrmRecord> page;

    /**
     * @param startCursor where each object's feed starts: its watermark, or {@link Cursor#START} for a backfill
     */
    public CrmChangeReader(CrmConnector connector, List<ObjectType> objects, Function<ObjectType, Cursor> startCursor,
                           int pageSize) {
        this.connector = connector;
        this.objects = List.copyOf(objects);
        this.startCursor = startCursor;
        this.pageSize = pageSize;
    }

    @Override
    public void open(ExecutionContext context) {
        objectIndex = context.getInt(OBJECT_INDEX, 0);
        offset = context.getInt(OFFSET, 0);
        for (ObjectType type : objects) {
            if (context.containsKey(DONE + type.name())) {
                done.put(type, new Cursor(context.getString(DONE + type.name())));
            }
        }
        pageCursor = context.containsKey(PAGE_CURSOR) ? new Cursor(context.getString(PAGE_CURSOR))
                : objectIndex < objects.size() ? startCursor.apply(objects.get(objectIndex)) : Cursor.START;
        page = null;
    }

    @Override
    public @Nullable CrmRecord read() {
        while (objectIndex < objects.size()) {
            ObjectType type = objects.get(objectIndex);
            if (page == null) {
                page = connector.changes(type, pageCursor, pageSize);
            }
            if (offset < page.items().size()) {
                return page.items().get(offset++);
            }
            if (page.hasMore()) {
                pageCursor = page.next();
            } else {
                done.put(type, page.next());
                objectIndex++;
                pageCursor = objectIndex < objects.size() ? startCursor.apply(objects.get(objectIndex)) : Cursor.START;
            }
            offset = 0;
            page = null;
        }
        return null;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(OBJECT_INDEX, objectIndex);
        context.putString(PAGE_CURSOR, pageCursor.value());
        context.putInt(OFFSET, offset);
        done.forEach((type, cursor) -> context.putString(DONE + type.name(), cursor.value()));
    }

    /** The final cursor of each object type read to the end. */
    public Map<ObjectType, Cursor> finishedCursors() {
        return Map.copyOf(done);
    }
}
