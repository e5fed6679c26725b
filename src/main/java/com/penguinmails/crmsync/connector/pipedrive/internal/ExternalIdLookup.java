package com.penguinmails.crmsync.connector.pipedrive.internal;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Finds the records that already carry given PenguinMails ids in their external-id custom field, so that a create
 * replayed after a crash updates instead of duplicating. Pipedrive has no lookup by custom field but search, which
 * costs 20 tokens and is limited to 10 calls per 2 s: so the lookup first pages through the object's list sorted by
 * id with only that custom field (10 tokens per 500 records), for at most as many pages as ids are sought (never more
 * calls than searching, at most half the tokens), and searches ({@code exact_match} on custom fields, paced) only
 * the ids not settled when a large account makes it stop early. Where several records carry an id, the oldest wins.
 */
public final class ExternalIdLookup {

    private final PipedriveApi api;
    private final RateLimiter searches;

    public ExternalIdLookup(PipedriveApi api, PipedriveSettings settings) {
        this.api = api;
        this.searches = RateLimiter.of("pipedrive-search", RateLimiterConfig.custom()
                .limitForPeriod(settings.searchesPer2Seconds()).limitRefreshPeriod(Duration.ofSeconds(2))
                .timeoutDuration(Duration.ofMinutes(5)).build());
    }

    /** External id to CRM id, for the sought ids that exist. */
    public Map<String, String> find(Entity entity, FieldDef field, Set<String> sought) {
        Map<String, String> found = new HashMap<>();
        if (sought.isEmpty()) {
            return found;
        }
        boolean complete = scan(entity, field, sought, found);
        if (!complete) {
            Set<String> missing = new HashSet<>(sought);
            missing.removeAll(found.keySet());
            for (String externalId : missing) {
                search(entity, field, externalId).ifPresent(id -> found.put(externalId, id));
            }
        }
        return found;
    }

    /**
     * The record carrying {@code externalId}, for a create whose answer was lost: it is among the newest records, so
     * the newest 100 are read first (one list call, nothing for search to index yet); only when the account has more
     * is Pipedrive's search asked. Where several carry it, the oldest.
     */
    public java.util.Optional<String> findOne(Entity entity, FieldDef field, String externalId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("limit", "100");
        params.put("sort_by", "id");
        params.put("sort_direction", "desc");
        params.put("custom_fields", field.code());
        ApiResponse newest = api.list(entity, params);
        String oldest = null;
        for (JsonNode item : newest.data()) {
            if (externalId.equals(item.path("custom_fields").path(field.code()).asString(null))) {
                oldest = item.path("id").asString();
            }
        }
        if (oldest != null || newest.nextCursor() == null) {
            return java.util.Optional.ofNullable(oldest);
        }
        return search(entity, field, externalId);
    }

    /** Pages through the list; true when it read every record (so unfound ids do not exist). */
    private boolean scan(Entity entity, FieldDef field, Set<String> sought, Map<String, String> found) {
        @Nullable String cursor = null;
        for (int pages = 0; pages < sought.size(); pages++) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("limit", Integer.toString(PipedriveApi.MAX_PAGE));
            params.put("sort_by", "id");
            params.put("sort_direction", "asc");
            params.put("custom_fields", field.code());
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            ApiResponse page = api.list(entity, params);
            for (JsonNode item : page.data()) {
                JsonNode value = item.path("custom_fields").path(field.code());
                if (value.isString() && sought.contains(value.asString())) {
                    found.putIfAbsent(value.asString(), item.path("id").asString());
                }
            }
            cursor = page.nextCursor();
            if (cursor == null) {
                return true;
            }
            if (found.size() == sought.size()) {
                return false;
            }
        }
        return false;
    }

    private java.util.Optional<String> search(Entity entity, FieldDef field, String externalId) {
        if (!searches.acquirePermission()) {
            throw new com.penguinmails.crmsync.connector.support.CrmApiException.Transient(
                    "no Pipedrive search slot within 5 minutes");
        }
        List<String> candidates = api.searchExact(entity, externalId, "custom_fields").stream()
                .sorted((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b))).toList();
        for (String id : candidates) {
            // exact_match on custom_fields matches any of them: check it is the external-id field
            var record = api.get(entity, id);
            if (record.isPresent() && externalId.equals(record.get().path("custom_fields").path(field.code())
                    .asString(null)) && !record.get().path("is_deleted").asBoolean(false)) {
                return java.util.Optional.of(id);
            }
        }
        return java.util.Optional.empty();
    }
}
