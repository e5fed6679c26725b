package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of a v2 list ({@code GET /api/v2/persons} ...), validated as Pipedrive does: {@code limit} 1..500
 * (default 100), {@code cursor}, {@code sort_by} id|update_time|add_time, {@code sort_direction} asc|desc,
 * {@code updated_since} (inclusive) / {@code updated_until} (exclusive) in whole-second RFC 3339, {@code ids} (up to
 * 100), {@code owner_id}, the object's link filters ({@code org_id}, {@code person_id}, {@code deal_id}) and
 * {@code custom_fields} (up to 15 keys).
 */
public record ListQuery(int limit, @Nullable Cursor cursor, String sortBy, String direction,
                        @Nullable Instant updatedSince, @Nullable Instant updatedUntil, @Nullable Set<Long> ids,
                        Map<String, Long> links, @Nullable Set<String> customFields) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;
    private static final Set<String> SORTS = Set.of("id", "update_time", "add_time");

    private static final Map<EntityType, List<String>> LINK_FILTERS = Map.of(
            EntityType.PERSON, List.of("owner_id", "org_id"),
            EntityType.ORGANIZATION, List.of("owner_id"),
            EntityType.DEAL, List.of("owner_id", "person_id", "org_id", "stage_id", "pipeline_id"),
            EntityType.ACTIVITY, List.of("owner_id", "deal_id", "person_id", "org_id"));

    public static ListQuery parse(EntityType type, SandboxRequest request) {
        int limit = limit(request, MAX_LIMIT);
        String sortBy = request.queryParam("sort_by").orElse("id");
        if (!SORTS.contains(sortBy)) {
            throw ApiError.validation("sort_by", "must be equal to one of the allowed values: id, update_time, "
                    + "add_time");
        }
        String direction = request.queryParam("sort_direction").orElse("asc");
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw ApiError.validation("sort_direction", "must be equal to one of the allowed values: asc, desc");
        }
        Cursor cursor = request.queryParam("cursor").filter(c -> !c.isEmpty())
                .map(c -> Cursor.decode(c, sortBy, direction)).orElse(null);
        Instant since = request.queryParam("updated_since").map(v -> Rfc3339.parseFilter("updated_since", v))
                .orElse(null);
        Instant until = request.queryParam("updated_until").map(v -> Rfc3339.parseFilter("updated_until", v))
                .orElse(null);
        Set<Long> ids = request.queryParam("ids").map(ListQuery::ids).orElse(null);
        Map<String, Long> links = new java.util.LinkedHashMap<>();
        for (String filter : LINK_FILTERS.get(type)) {
            request.queryParam(filter).ifPresent(v -> links.put(filter, integer(filter, v)));
        }
        Set<String> custom = customFields(request).orElse(null);
        return new ListQuery(limit, cursor, sortBy, direction, since, until, ids, links, custom);
    }

    /** {@code limit}: default 100, 1..max, else 400. */
    static int limit(SandboxRequest request, int max) {
        Optional<String> raw = request.queryParam("limit");
        if (raw.isEmpty()) {
            return Math.min(DEFAULT_LIMIT, max);
        }
        long limit = integer("limit", raw.get());
        if (limit > max) {
            throw ApiError.validation("limit", "must be <= " + max);
        }
        if (limit < 1) {
            throw ApiError.validation("limit", "must be >= 1");
        }
        return (int) limit;
    }

    /** {@code custom_fields}: comma list of existing keys, at most 15. */
    static Optional<Set<String>> customFields(SandboxRequest request) {
        return request.queryParam("custom_fields").map(raw -> {
            Set<String> keys = Arrays.stream(raw.split(",")).map(String::strip).filter(k -> !k.isEmpty())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (keys.size() > 15) {
                throw ApiError.validation("custom_fields", "A maximum of 15 custom field keys is allowed");
            }
            return keys;
        });
    }

    static long integer(String parameter, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ApiError.validation(parameter, "must be integer");
        }
    }

    private static Set<Long> ids(String raw) {
        Set<Long> ids = Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> integer("ids", s)).collect(Collectors.toCollection(LinkedHashSet::new));
        if (ids.size() > 100) {
            throw ApiError.validation("ids", "A maximum of 100 ids is allowed");
        }
        return ids;
    }

    /** Records matching the filters, sorted, after the cursor. */
    public List<StoredRecord> select(List<StoredRecord> records) {
        Comparator<StoredRecord> order = Comparator.comparingLong(this::sortValue)
                .thenComparingLong(StoredRecord::id);
        if (direction.equals("desc")) {
            order = order.reversed();
        }
        return records.stream().filter(filter()).sorted(order).filter(this::afterCursor).toList();
    }

    public long sortValue(StoredRecord record) {
        return switch (sortBy) {
            case "update_time" -> record.updateTime().getEpochSecond();
            case "add_time" -> record.addTime().getEpochSecond();
            default -> record.id();
        };
    }

    private Predicate<StoredRecord> filter() {
        return record -> (updatedSince == null || !record.updateTime().isBefore(updatedSince))
                && (updatedUntil == null || record.updateTime().isBefore(updatedUntil))
                && (ids == null || ids.contains(record.id()))
                && links.entrySet().stream().allMatch(link -> matches(record.field(link.getKey()), link.getValue()));
    }

    private static boolean matches(@Nullable Object value, long expected) {
        return value instanceof Number n && n.longValue() == expected || Objects.equals(value, expected);
    }

    private boolean afterCursor(StoredRecord record) {
        if (cursor == null) {
            return true;
        }
        int bySort = Long.compare(sortValue(record), cursor.sortValue());
        int cmp = bySort != 0 ? bySort : Long.compare(record.id(), cursor.id());
        return direction.equals("asc") ? cmp > 0 : cmp < 0;
    }
}
