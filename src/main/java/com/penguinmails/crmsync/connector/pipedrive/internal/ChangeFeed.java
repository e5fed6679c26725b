package com.penguinmails.crmsync.connector.pipedrive.internal;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.Cursor;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The change feed of one object: {@code GET /api/v2/{persons|organizations|deals}?updated_since=&sort_by=update_time
 * &sort_direction=asc&limit=&cursor=}, oldest first, one list call (10 tokens, up to 500 records) per page. A
 * record updated while the feed pages moves to the end of the sort and comes again later in the same sweep.
 * Pipedrive's lists leave deleted records out: deletions are found by {@link DeletionProbe}.
 */
public final class ChangeFeed {

    private final PipedriveApi api;
    private final AccountFields fields;
    private final RecordMapper mapper;
    private final PipedriveSettings settings;

    public ChangeFeed(PipedriveApi api, AccountFields fields, RecordMapper mapper, PipedriveSettings settings) {
        this.api = api;
        this.fields = fields;
        this.mapper = mapper;
        this.settings = settings;
    }

    public Page<CrmRecord> changes(ObjectType type, Cursor since, int pageSize) {
        Entity entity = Entity.of(type);
        ChangeCursor cursor = since.sinceInstant().map(ChangeCursor::since)
                .orElseGet(() -> ChangeCursor.parse(since.value(), api.json()));
        try {
            return page(type, entity, cursor, pageSize);
        } catch (PipedriveRejection rejection) {
            if (cursor.pipedriveCursor() != null && rejection.status() == 400) {
                // an expired or foreign Pipedrive cursor: sweep again from the last update time read
                return page(type, entity, cursor.withoutPipedriveCursor(), pageSize);
            }
            throw rejection;
        }
    }

    private Page<CrmRecord> page(ObjectType type, Entity entity, ChangeCursor read, int pageSize) {
        AccountFields.Catalog catalog = fields.of(entity);
        FieldDef externalId = catalog.custom(settings.externalIdField(entity)).orElse(null);
        ChangeCursor state = read.pipedriveCursor() == null ? read.beginSweep() : read;
        Map<String, String> params = new LinkedHashMap<>();
        params.put("limit", Integer.toString(Math.max(1, Math.min(PipedriveApi.MAX_PAGE, pageSize))));
        params.put("sort_by", "update_time");
        params.put("sort_direction", "asc");
        if (state.since() != null) {
            params.put("updated_since", state.since().toString());
        }
        if (state.pipedriveCursor() != null) {
            params.put("cursor", state.pipedriveCursor());
        }
        ApiResponse answer = api.list(entity, params);
        List<CrmRecord> records = new ArrayList<>();
        for (var item : answer.data()) {
            String id = item.path("id").asString();
            Instant updated = RecordMapper.updateTime(item);
            boolean repeat = read.alreadySeen(id, updated);
            state = state.observed(id, updated, answer.serverTime());
            if (!repeat) {
                records.add(mapper.fromWire(type, item, catalog, externalId));
            }
        }
        state = state.afterPage(answer.nextCursor());
        return new Page<>(records, new Cursor(state.format(api.json())), answer.nextCursor() != null);
    }
}
