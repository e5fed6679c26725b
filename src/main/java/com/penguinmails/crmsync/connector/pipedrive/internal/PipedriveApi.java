package com.penguinmails.crmsync.connector.pipedrive.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Pipedrive API v2 endpoints the connector uses, typed: list (cursor paging), get, add, update, search, and the
 * field metadata. Each method is one request with its documented token cost.
 */
public final class PipedriveApi {

    /** The largest page a v2 list serves. */
    public static final int MAX_PAGE = 500;
    /** The largest page a v2 search serves. */
    public static final int MAX_SEARCH_PAGE = 100;

    private final ApiTransport transport;

    public PipedriveApi(ApiTransport transport) {
        this.transport = transport;
    }

    public ObjectNode newObject() {
        return transport.json().createObjectNode();
    }

    public tools.jackson.databind.json.JsonMapper json() {
        return transport.json();
    }

    /** One page of {@code GET /api/v2/{entity}} with {@code params} ({@code limit}, {@code cursor}, filters). */
    public ApiResponse list(Entity entity, Map<String, String> params) {
        return transport.send(entity.path() + " list", TokenCost.LIST, "GET", "/api/v2/" + entity.path(), params,
                null);
    }

    /** {@code GET /api/v2/{entity}/{id}}: the record (with {@code is_deleted}), or empty when Pipedrive has none. */
    public Optional<JsonNode> get(Entity entity, String id) {
        try {
            return Optional.of(transport.send(entity.path() + " get", TokenCost.GET, "GET",
                    "/api/v2/" + entity.path() + "/" + id, Map.of(), null).data());
        } catch (PipedriveRejection rejection) {
            if (rejection.notFound()) {
                return Optional.empty();
            }
            throw rejection;
        }
    }

    /**
     * {@code POST /api/v2/{entity}}: the created record. When an attempt may have landed without its answer arriving
     * (timeout, dropped connection, 5xx), {@code landed} looks for it (by external id or marker) before the add is sent
     * again, and what it finds is returned instead: Pipedrive has no upsert, so a blind retry would make a second one.
     */
    public JsonNode add(Entity entity, JsonNode body, Supplier<Optional<JsonNode>> landed) {
        return transport.create(entity.path() + " add", TokenCost.WRITE, "/api/v2/" + entity.path(), body,
                () -> landed.get().map(found -> new ApiResponse(found, null, null))).data();
    }

    /** {@code PATCH /api/v2/{entity}/{id}}: the updated record. */
    public JsonNode update(Entity entity, String id, JsonNode body) {
        return transport.send(entity.path() + " update", TokenCost.WRITE, "PATCH",
                "/api/v2/" + entity.path() + "/" + id, Map.of(), body).data();
    }

    /**
     * {@code GET /api/v2/{entity}/search?term=&fields=&exact_match=true}: ids of the best matches (first page, up to
     * 100), in Pipedrive's order.
     */
    public List<String> searchExact(Entity entity, String term, String fields) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("term", term);
        params.put("fields", fields);
        params.put("exact_match", "true");
        params.put("limit", Integer.toString(MAX_SEARCH_PAGE));
        ApiResponse answer = transport.send(entity.path() + " search", TokenCost.SEARCH, "GET",
                "/api/v2/" + entity.path() + "/search", params, null);
        List<String> ids = new ArrayList<>();
        for (JsonNode result : answer.data().path("items")) {
            JsonNode id = result.path("item").path("id");
            if (!id.isMissingNode() && !id.isNull()) {
                ids.add(id.asString());
            }
        }
        return ids;
    }

    /** Every field of {@code entity} from {@code GET /api/v2/{entity}Fields}, all pages. */
    public List<JsonNode> fields(Entity entity) {
        List<JsonNode> fields = new ArrayList<>();
        @Nullable String cursor = null;
        do {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("limit", Integer.toString(MAX_PAGE));
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            ApiResponse page = transport.send(entity.fieldsPath() + " list", TokenCost.LIST, "GET",
                    "/api/v2/" + entity.fieldsPath(), params, null);
            page.data().forEach(fields::add);
            cursor = page.nextCursor();
        } while (cursor != null);
        return fields;
    }

    /** {@code GET /api/v1/webhooks}: every webhook of the company the token's user may see (v1: no v2 yet). */
    public List<JsonNode> webhooks() {
        List<JsonNode> webhooks = new ArrayList<>();
        transport.send("webhooks list", TokenCost.V1_LIST, "GET", "/api/v1/webhooks", Map.of(), null).data()
                .forEach(webhooks::add);
        return webhooks;
    }

    /** {@code POST /api/v1/webhooks}: the created webhook. */
    public JsonNode addWebhook(JsonNode body) {
        return transport.send("webhooks add", TokenCost.V1_WRITE, "POST", "/api/v1/webhooks", Map.of(), body).data();
    }

    /** {@code DELETE /api/v1/webhooks/{id}}; one Pipedrive already deleted counts as deleted. */
    public void deleteWebhook(String id) {
        try {
            transport.send("webhooks delete", TokenCost.V1_DELETE, "DELETE", "/api/v1/webhooks/" + id, Map.of(),
                    null);
        } catch (PipedriveRejection rejection) {
            if (!rejection.notFound()) {
                throw rejection;
            }
        }
    }
}
