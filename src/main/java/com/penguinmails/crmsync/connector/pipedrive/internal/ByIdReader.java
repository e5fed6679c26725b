package com.penguinmails.crmsync.connector.pipedrive.internal;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads records by id: {@code GET /api/v2/{persons|organizations}?ids=1,2,3}, {@value #IDS_PER_CALL} ids a call (one
 * list call each, where a get per id would cost one call per record), mapped as the change feed maps them. Pipedrive's
 * lists leave deleted (and merged-away) records out, so they are absent from the answer, as is an id that is not a
 * Pipedrive id (a positive integer).
 */
public final class ByIdReader {

    static final int IDS_PER_CALL = 100;

    private final PipedriveApi api;
    private final AccountFields fields;
    private final RecordMapper mapper;
    private final PipedriveSettings settings;

    public ByIdReader(PipedriveApi api, AccountFields fields, RecordMapper mapper, PipedriveSettings settings) {
        this.api = api;
        this.fields = fields;
        this.mapper = mapper;
        this.settings = settings;
    }

    public List<CrmRecord> read(ObjectType type, Collection<String> ids) {
        Entity entity = Entity.of(type);
        List<String> distinct = ids.stream().filter(ByIdReader::isId).distinct().toList();
        if (distinct.isEmpty()) {
            return List.of();
        }
        AccountFields.Catalog catalog = fields.of(entity);
        FieldDef externalId = catalog.custom(settings.externalIdField(entity)).orElse(null);
        List<CrmRecord> found = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += IDS_PER_CALL) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_CALL));
            Map<String, String> params = new LinkedHashMap<>();
            params.put("ids", String.join(",", chunk));
            params.put("limit", Integer.toString(IDS_PER_CALL));
            for (var item : api.list(entity, params).data()) {
                CrmRecord record = mapper.fromWire(type, item, catalog, externalId);
                if (!record.deleted()) {
                    found.add(record);
                }
            }
        }
        return found;
    }

    private static boolean isId(String id) {
        return id.length() <= 18 && !id.isEmpty() && id.chars().allMatch(Character::isDigit) && Long.parseLong(id) > 0;
    }
}
