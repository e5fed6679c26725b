package com.penguinmails.crmsync.sandbox.hubspot;

import com.penguinmails.crmsync.sandbox.support.SandboxHttpServer;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /crm/v3/objects/{objectType}/search}: filter groups (OR of ANDed filters; at most 5 groups, 6 filters
 * per group, 18 in all), a free-text {@code query}, one or more sorts, {@code limit} up to 200 and an offset
 * {@code after} cursor that may not reach 10,000. It reads the search index, which lags writes by the configured
 * delay.
 */
final class SearchHandler {

    static final int MAX_LIMIT = 200;
    static final int MAX_RESULTS = 10_000;
    static final int MAX_GROUPS = 5;
    static final int MAX_FILTERS_PER_GROUP = 6;
    static final int MAX_FILTERS = 18;

    private final Portal portal;
    private final ObjectJson json;

    SearchHandler(Portal portal, ObjectJson json) {
        this.portal = portal;
        this.json = json;
    }

    void register(SandboxHttpServer server, ApiGate gate) {
        server.route("POST", "/crm/v3/objects/{objectType}/search", gate.search(this::search));
    }

    private SandboxResponse search(SandboxRequest request) {
        ObjectType type = ObjectType.require(request.pathParam("objectType"));
        Map<String, Object> body = request.body().length == 0 ? Map.of() : JsonBody.object(request);
        Integer requestedLimit = JsonBody.optionalInt(body, "limit");
        int limit = requestedLimit == null ? 10 : requestedLimit;
        if (limit < 0 || limit > MAX_LIMIT) {
            throw ApiError.validation("limit must be between 0 and " + MAX_LIMIT + ", was " + limit);
        }
        String afterText = JsonBody.optionalString(body, "after");
        int after = afterText == null || afterText.isEmpty() ? 0 : offset(afterText);
        if (after >= MAX_RESULTS) {
            throw ApiError.validation("Search results are limited to " + MAX_RESULTS
                    + " records; 'after' may not reach " + MAX_RESULTS + ", was " + after + ".");
        }
        Predicate<StoredObject> filter = filter(type, JsonBody.objects(body, "filterGroups"));
        Predicate<StoredObject> query = query(type, JsonBody.optionalString(body, "query"));
        Comparator<StoredObject> order = order(type, body.get("sorts"));
        List<String> properties = JsonBody.strings(body, "properties");
        List<StoredObject> matches = new ArrayList<>();
        for (StoredObject object : portal.searchIndex().snapshot(type, portal.clock().now())) {
            if (filter.test(object) && query.test(object)) {
                matches.add(object);
            }
        }
        matches.sort(order);
        int end = Math.min(matches.size(), after + limit);
        List<Map<String, Object>> results = new ArrayList<>();
        for (StoredObject object : matches.subList(Math.min(after, matches.size()), end)) {
            results.add(json.render(object, properties));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("total", matches.size());
        response.put("results", results);
        if (end < matches.size() && limit > 0) {
            response.put("paging", Map.of("next", Map.of("after", Integer.toString(end),
                    "link", "?after=" + end)));
        }
        return SandboxResponse.json(200, response);
    }

    private static int offset(String after) {
        try {
            int offset = Integer.parseInt(after.trim());
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw ApiError.validation("Invalid 'after' paging cursor: " + after);
        }
    }

    private Predicate<StoredObject> filter(ObjectType type, List<Map<String, Object>> groups) {
        if (groups.size() > MAX_GROUPS) {
            throw ApiError.validation("Too many filter groups: " + groups.size() + ". The maximum is " + MAX_GROUPS
                    + ".");
        }
        List<List<SearchFilter>> parsed = new ArrayList<>();
        int total = 0;
        for (Map<String, Object> group : groups) {
            List<Map<String, Object>> filters = JsonBody.objects(group, "filters");
            if (filters.size() > MAX_FILTERS_PER_GROUP) {
                throw ApiError.validation("Too many filters in a filter group: " + filters.size()
                        + ". The maximum is " + MAX_FILTERS_PER_GROUP + ".");
            }
            total += filters.size();
            parsed.add(filters.stream().map(f -> SearchFilter.parse(portal.catalog(), type, f)).toList());
        }
        if (total > MAX_FILTERS) {
            throw ApiError.validation("Too many filters: " + total + ". The maximum is " + MAX_FILTERS + ".");
        }
        if (parsed.isEmpty()) {
            return object -> true;
        }
        return object -> parsed.stream().anyMatch(group -> group.stream().allMatch(f -> f.matches(object)));
    }

    private static Predicate<StoredObject> query(ObjectType type, String query) {
        if (query == null || query.isBlank()) {
            return object -> true;
        }
        if (query.length() > 3000) {
            throw ApiError.validation("query is limited to 3000 characters");
        }
        List<String> tokens = List.of(query.toLowerCase(Locale.ROOT).trim().split("\\s+"));
        List<String> searchable = switch (type) {
            case CONTACTS -> List.of("firstname", "lastname", "email", "phone", "company", "hs_additional_emails");
            case COMPANIES -> List.of("name", "domain", "website", "phone");
            case DEALS -> List.of("dealname");
            case EMAILS -> List.of("hs_email_subject", "hs_email_text");
            case NOTES -> List.of("hs_note_body");
            case TASKS -> List.of("hs_task_subject", "hs_task_body");
        };
        return object -> tokens.stream().allMatch(token -> searchable.stream().anyMatch(name -> {
            String value = object.property(name);
            if (value == null) {
                return false;
            }
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.startsWith(token) || lower.contains("@" + token) || lower.equals(token)) {
                return true;
            }
            for (String word : lower.split("[\\s@.\\-;]+")) {
                if (word.startsWith(token)) {
                    return true;
                }
            }
            return false;
        }));
    }

    private Comparator<StoredObject> order(ObjectType type, Object sorts) {
        Comparator<StoredObject> order = null;
        if (sorts != null && !(sorts instanceof List<?>)) {
            throw ApiError.validation("Invalid input JSON: field 'sorts' must be an array");
        }
        for (Object sort : sorts == null ? List.of() : (List<?>) sorts) {
            String name;
            boolean descending;
            if (sort instanceof String text) {
                descending = text.startsWith("-");
                name = descending ? text.substring(1) : text;
            } else if (sort instanceof Map<?, ?> map) {
                name = String.valueOf(map.get("propertyName"));
                Object direction = map.get("direction");
                descending = "DESCENDING".equals(direction);
                if (direction != null && !descending && !"ASCENDING".equals(direction)) {
                    throw ApiError.validation("Invalid sort direction: " + direction);
                }
            } else {
                throw ApiError.validation("Invalid input JSON: sorts[] must be a string or an object");
            }
            PropertyDefinition property = portal.catalog().find(type, name).orElseThrow(() -> ApiError.validation(
                    "Invalid sort property: " + name + " is not a property of " + type.path() + "."));
            Comparator<StoredObject> byProperty = Comparator.comparing(
                    (StoredObject o) -> sortKey(property, o), Comparator.nullsLast(keys(descending)));
            order = order == null ? byProperty : order.thenComparing(byProperty);
        }
        Comparator<StoredObject> byId = Comparator.comparingLong(StoredObject::id);
        return order == null ? byId : order.thenComparing(byId);
    }

    @SuppressWarnings("rawtypes")
    private static @Nullable Comparable sortKey(PropertyDefinition property, StoredObject object) {
        String value = object.property(property.name());
        return value == null ? null : SearchFilter.key(property, value, false);
    }

    /** Values in the given direction; records without a value come last either way. */
    @SuppressWarnings("rawtypes")
    private static Comparator<Comparable> keys(boolean descending) {
        Comparator<Comparable> ascending = SearchHandler::compareKeys;
        return descending ? ascending.reversed() : ascending;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Comparable a, Comparable b) {
        return a.getClass() == b.getClass() ? a.compareTo(b) : a.toString().compareTo(b.toString());
    }
}
