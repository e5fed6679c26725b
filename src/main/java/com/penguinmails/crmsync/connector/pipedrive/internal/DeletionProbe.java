package com.penguinmails.crmsync.connector.pipedrive.internal;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Finds which of the records a sync knows (its linked CRM ids) Pipedrive has deleted, since v2 lists leave deleted
 * records out and have no deleted filter. Up to 500 ids are checked with the list's {@code ids} filter (100 per
 * call), more by listing every live id (500 per call); each missing id is confirmed with a get ({@code is_deleted},
 * or 404 once purged after 30 days; a purged record's deletion has no time). A merged-away person is reported deleted without its survivor: v2 reads do not
 * say whom it was merged into.
 */
public final class DeletionProbe {

    private static final int IDS_PER_CALL = 100;
    private static final int IDS_FILTER_MAX = 500;

    private final PipedriveApi api;

    public DeletionProbe(PipedriveApi api) {
        this.api = api;
    }

    public List<CrmRecord> deletions(ObjectType type, Collection<String> knownIds) {
        Entity entity = Entity.of(type);
        Set<String> known = new LinkedHashSet<>(knownIds);
        Set<String> live = known.size() <= IDS_FILTER_MAX ? liveAmong(entity, List.copyOf(known)) : allLive(entity);
        List<CrmRecord> deleted = new ArrayList<>();
        for (String id : known) {
            if (live.contains(id)) {
                continue;
            }
            Optional<JsonNode> record = api.get(entity, id);
            if (record.isEmpty()) {
                // purged: when it was deleted is no longer known (not 1970)
                deleted.add(new CrmRecord(type, id, null, null, true, null, Map.of()));
            } else if (record.get().path("is_deleted").asBoolean(false)) {
                deleted.add(CrmRecord.deletion(type, id, RecordMapper.updateTime(record.get()), null));
            }
        }
        return deleted;
    }

    private Set<String> liveAmong(Entity entity, List<String> ids) {
        Set<String> live = new HashSet<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_CALL) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_CALL));
            Map<String, String> params = new LinkedHashMap<>();
            params.put("ids", String.join(",", chunk));
            params.put("limit", Integer.toString(IDS_PER_CALL));
            collect(api.list(entity, params).data(), live);
        }
        return live;
    }

    private Set<String> allLive(Entity entity) {
        Set<String> live = new HashSet<>();
        @Nullable String cursor = null;
        do {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("limit", Integer.toString(PipedriveApi.MAX_PAGE));
            params.put("sort_by", "id");
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            ApiResponse page = api.list(entity, params);
            collect(page.data(), live);
            cursor = page.nextCursor();
        } while (cursor != null);
        return live;
    }

    private static void collect(JsonNode items, Set<String> live) {
        for (JsonNode item : items) {
            live.add(item.path("id").asString());
        }
    }
}
