package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v2/{persons|organizations|deals}/search}: {@code term} (at least 2 characters, or 1 with
 * {@code exact_match=true}; exact matches ignore case), {@code fields}, {@code limit} up to 100, {@code cursor}, and
 * the object's filters. Answers {@code data.items[{result_score, item}]} with the compact item shapes of the v2
 * search models. Results are visible at once (no indexing delay).
 */
public final class SearchHandler {

    static final int MAX_LIMIT = 100;

    private static final Map<EntityType, Set<String>> FIELDS = Map.of(
            EntityType.PERSON, Set.of("custom_fields", "email", "notes", "phone", "name"),
            EntityType.ORGANIZATION, Set.of("address", "custom_fields", "notes", "name"),
            EntityType.DEAL, Set.of("custom_fields", "notes", "title"));

    private static final Set<String> SEARCHABLE_CUSTOM = Set.of("varchar", "varchar_auto", "text", "double", "int",
            "phone");

    private final EntityType type;
    private final AccountData data;

    public SearchHandler(EntityType type, AccountData data) {
        this.type = type;
        this.data = data;
    }

    public SandboxResponse search(SandboxRequest request, Caller caller) {
        String term = request.queryParam("term").orElseThrow(() ->
                ApiError.validation("term", "Parameter 'term' is required"));
        boolean exact = bool(request, "exact_match");
        if (term.strip().length() < (exact ? 1 : 2)) {
            throw ApiError.validation("term", "must be at least " + (exact ? 1 : 2) + " characters long");
        }
        Set<String> fields = fields(request);
        int limit = ListQuery.limit(request, MAX_LIMIT);
        int offset = request.queryParam("cursor").filter(c -> !c.isEmpty()).map(Cursor::decodeOffset).orElse(0);
        Map<String, Long> filters = filters(request);
        String needle = term.strip().toLowerCase(Locale.ROOT);
        Instant now = data.now();

        List<Map<String, Object>> results = new ArrayList<>();
        for (StoredRecord record : data.store(type).liveRecords()) {
            if (!filters.entrySet().stream().allMatch(f -> Objects.equals(asLong(record.field(f.getKey())),
                    f.getValue()))) {
                continue;
            }
            double score = score(record, fields, needle, exact);
            if (score > 0) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("result_score", score);
                result.put("item", item(record, now));
                results.add(result);
            }
        }
        results.sort((a, b) -> Double.compare((double) b.get("result_score"), (double) a.get("result_score")));
        List<Map<String, Object>> page = results.subList(Math.min(offset, results.size()),
                Math.min(offset + limit, results.size()));
        String next = offset + limit < results.size() ? Cursor.offset(offset + limit) : null;
        return Envelope.page(Map.of("items", page), next);
    }

    private Set<String> fields(SandboxRequest request) {
        Set<String> allowed = FIELDS.get(type);
        return request.queryParam("fields").map(raw -> {
            Set<String> asked = Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .collect(Collectors.toSet());
            for (String field : asked) {
                if (!allowed.contains(field)) {
                    throw ApiError.validation("fields", "must be equal to one of the allowed values: "
                            + allowed.stream().sorted().collect(Collectors.joining(", ")));
                }
            }
            return asked;
        }).orElse(allowed);
    }

    private Map<String, Long> filters(SandboxRequest request) {
        Map<String, Long> filters = new LinkedHashMap<>();
        if (type == EntityType.PERSON || type == EntityType.DEAL) {
            request.queryParam("organization_id").ifPresent(v ->
                    filters.put("org_id", ListQuery.integer("organization_id", v)));
        }
        if (type == EntityType.DEAL) {
            request.queryParam("person_id").ifPresent(v -> filters.put("person_id", ListQuery.integer("person_id", v)));
        }
        return filters;
    }

    private double score(StoredRecord record, Set<String> fields, String needle, boolean exact) {
        List<String> candidates = new ArrayList<>();
        if (fields.contains("name")) {
            candidates.add(Objects.toString(record.field("name"), ""));
        }
        if (fields.contains("title")) {
            candidates.add(Objects.toString(record.field("title"), ""));
        }
        if (fields.contains("email")) {
            candidates.addAll(values(record.field("emails")));
        }
        if (fields.contains("phone")) {
            candidates.addAll(values(record.field("phones")));
        }
        if (fields.contains("address") && record.field("address") instanceof Map<?, ?> address) {
            candidates.add(Objects.toString(address.get("value"), ""));
        }
        if (fields.contains("custom_fields")) {
            for (CustomField field : data.catalog().custom(type)) {
                Object value = record.customFields().get(field.key());
                if (value != null && SEARCHABLE_CUSTOM.contains(field.type())) {
                    candidates.add(value instanceof Double d && d == Math.rint(d)
                            ? Long.toString(d.longValue()) : value.toString());
                }
            }
        }
        double best = 0;
        for (String candidate : candidates) {
            String text = candidate.toLowerCase(Locale.ROOT);
            if (text.equals(needle)) {
                best = Math.max(best, 1.0);
            } else if (!exact && text.contains(needle)) {
                best = Math.max(best, text.startsWith(needle) ? 0.6 : 0.3);
            }
        }
        return best;
    }

    private Map<String, @Nullable Object> item(StoredRecord record, Instant now) {
        Map<String, @Nullable Object> item = new LinkedHashMap<>();
        item.put("id", record.id());
        item.put("type", type.searchType());
        switch (type) {
            case PERSON -> {
                item.put("name", record.field("name"));
                item.put("phones", values(record.field("phones")));
                item.put("emails", values(record.field("emails")));
                item.put("visible_to", record.field("visible_to"));
                item.put("owner", Map.of("id", record.field("owner_id")));
                item.put("organization", organization(record.field("org_id"), now));
            }
            case ORGANIZATION -> {
                item.put("name", record.field("name"));
                item.put("address", record.field("address") instanceof Map<?, ?> a ? a.get("value") : null);
                item.put("visible_to", record.field("visible_to"));
                item.put("owner", Map.of("id", record.field("owner_id")));
            }
            case DEAL -> {
                item.put("title", record.field("title"));
                item.put("value", record.field("value"));
                item.put("currency", record.field("currency"));
                item.put("status", record.field("status"));
                item.put("visible_to", record.field("visible_to"));
                item.put("owner", Map.of("id", record.field("owner_id")));
                item.put("stage", Map.of("id", record.field("stage_id"), "name", "Stage " + record.field("stage_id")));
                item.put("person", person(record.field("person_id"), now));
                item.put("organization", organization(record.field("org_id"), now));
            }
            default -> throw new IllegalStateException("no search for " + type);
        }
        item.put("custom_fields", List.of());
        item.put("notes", List.of());
        return item;
    }

    private @Nullable Map<String, @Nullable Object> organization(@Nullable Object id, Instant now) {
        Long orgId = asLong(id);
        if (orgId == null) {
            return null;
        }
        return data.store(EntityType.ORGANIZATION).find(orgId, now).map(org -> {
            Map<String, @Nullable Object> summary = new LinkedHashMap<>();
            summary.put("id", org.id());
            summary.put("name", org.field("name"));
            summary.put("address", org.field("address") instanceof Map<?, ?> a ? a.get("value") : null);
            return summary;
        }).orElse(null);
    }

    private @Nullable Map<String, @Nullable Object> person(@Nullable Object id, Instant now) {
        Long personId = asLong(id);
        if (personId == null) {
            return null;
        }
        return data.store(EntityType.PERSON).find(personId, now).map(p -> {
            Map<String, @Nullable Object> summary = new LinkedHashMap<>();
            summary.put("id", p.id());
            summary.put("name", p.field("name"));
            return summary;
        }).orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static List<String> values(@Nullable Object points) {
        if (!(points instanceof List<?> list)) {
            return List.of();
        }
        return ((List<Map<String, Object>>) list).stream().map(p -> Objects.toString(p.get("value"), "")).toList();
    }

    private static @Nullable Long asLong(@Nullable Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    private static boolean bool(SandboxRequest request, String name) {
        return request.queryParam(name).map(v -> switch (v) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiError.validation(name, "must be boolean");
        }).orElse(false);
    }
}
