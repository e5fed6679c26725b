package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.connector.support.CrmApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HubSpot endpoints the connector uses, typed: CRM v3 search, archived lists, batch read / create / update /
 * upsert, properties, v4 default associations and communication preferences. One method, one HTTP call (through
 * {@link HubSpotHttp}, so through the connection's executor). Refusals a caller can act on come back as values
 * ({@link BatchReply}, {@link Optional}); refusals of a whole read are {@link CrmApiException}s.
 */
public final class HubSpotApi {

    /** One page of a search: the total HubSpot counts for the query and this page's records. */
    record SearchPage(long total, List<HsObject> results) {
    }

    /** One page of a list, with the {@code after} token of the next (null at the end). */
    record ListPage(List<HsObject> results, @Nullable String after) {
    }

    /** A subscription type of communication preferences. */
    record SubscriptionDefinition(String id, String name, boolean isDefault, boolean active) {
    }

    private final HubSpotHttp http;
    private final SearchPacer searchPacer;

    public HubSpotApi(HubSpotHttp http, SearchPacer searchPacer) {
        this.http = http;
        this.searchPacer = searchPacer;
    }

    static ObjectNode object() {
        return HubSpotHttp.JSON.createObjectNode();
    }

    static ArrayNode array() {
        return HubSpotHttp.JSON.createArrayNode();
    }

    SearchPage search(HubSpotObject type, JsonNode body) {
        String operation = type.path() + " search";
        HubSpotHttp.Reply reply = http.search(operation, "/crm/v3/objects/" + type.path() + "/search", body,
                searchPacer);
        requireSuccess(operation, reply);
        List<HsObject> results = new ArrayList<>();
        reply.body().path("results").values().forEach(r -> results.add(HsObject.from(r)));
        return new SearchPage(reply.body().path("total").asLong(results.size()), results);
    }

    ListPage listArchived(HubSpotObject type, @Nullable String after, int limit, List<String> properties) {
        String operation = type.path() + " archived list";
        StringBuilder query = new StringBuilder("/crm/v3/objects/" + type.path() + "?archived=true&limit=" + limit);
        if (!properties.isEmpty()) {
            query.append("&properties=").append(encode(String.join(",", properties)));
        }
        if (after != null) {
            query.append("&after=").append(encode(after));
        }
        HubSpotHttp.Reply reply = http.get(operation, query.toString());
        requireSuccess(operation, reply);
        List<HsObject> results = new ArrayList<>();
        reply.body().path("results").values().forEach(r -> results.add(HsObject.from(r)));
        String next = reply.body().path("paging").path("next").path("after").asString(null);
        return new ListPage(results, next);
    }

    /**
     * The CRM's time now. HubSpot has no server-time endpoint, so this reads one id that does not exist (a batch
     * read, 207 OBJECT_NOT_FOUND): its {@code completedAt} (milliseconds), else its {@code Date} header; our clock only
     * when HubSpot states neither.
     */
    Instant serverTime(HubSpotObject type, java.time.Clock fallback) {
        ArrayNode inputs = array();
        inputs.addObject().put("id", "0");
        ObjectNode extra = object();
        extra.putArray("properties");
        HubSpotHttp.Reply reply = http.post(type.path() + " batch read (server time)",
                "/crm/v3/objects/" + type.path() + "/batch/read", with(extra, inputs));
        Instant completed = HsObject.instant(reply.body().path("completedAt").asString(null));
        if (completed != null) {
            return completed;
        }
        Instant date = http.lastServerDate();
        return date != null ? date : fallback.instant();
    }

    private static ObjectNode with(ObjectNode body, ArrayNode inputs) {
        body.set("inputs", inputs);
        return body;
    }

    /** {@code POST /crm/v3/objects/{type}/batch/{action}} with {@code inputs} (at most 100) and extra fields. */
    BatchReply batch(HubSpotObject type, String action, ArrayNode inputs, @Nullable ObjectNode extra) {
        ObjectNode body = extra == null ? object() : extra.deepCopy();
        body.set("inputs", inputs);
        return BatchReply.from(http.post(type.path() + " batch " + action,
                "/crm/v3/objects/" + type.path() + "/batch/" + action, body));
    }

    /** {@code POST /crm/v4/associations/{from}/{to}/batch/create}. */
    BatchReply associate(HubSpotObject from, String toPath, ArrayNode inputs) {
        ObjectNode body = object();
        body.set("inputs", inputs);
        return BatchReply.from(http.post(from.path() + " to " + toPath + " associations",
                "/crm/v4/associations/" + from.path() + "/" + toPath + "/batch/create", body));
    }

    List<PropertyInfo> properties(HubSpotObject type) {
        String operation = type.path() + " properties";
        HubSpotHttp.Reply reply = http.get(operation, "/crm/v3/properties/" + type.path());
        requireSuccess(operation, reply);
        List<PropertyInfo> properties = new ArrayList<>();
        reply.body().path("results").values().forEach(p -> properties.add(PropertyInfo.from(p)));
        return properties;
    }

    Optional<PropertyInfo> property(HubSpotObject type, String name) {
        String operation = type.path() + " property read";
        HubSpotHttp.Reply reply = http.get(operation, "/crm/v3/properties/" + type.path() + "/" + encode(name));
        if (reply.status() == 404) {
            return Optional.empty();
        }
        requireSuccess(operation, reply);
        return Optional.of(PropertyInfo.from(reply.body()));
    }

    /** Creates a property; one that exists already (409, e.g. made by a concurrent run) is as good. */
    void createProperty(HubSpotObject type, ObjectNode definition) {
        String operation = type.path() + " property create";
        HubSpotHttp.Reply reply = http.post(operation, "/crm/v3/properties/" + type.path(), definition);
        if (reply.status() != 409) {
            requireSuccess(operation, reply);
        }
    }

    List<SubscriptionDefinition> subscriptionDefinitions() {
        String operation = "subscription definitions";
        HubSpotHttp.Reply reply = http.get(operation, "/communication-preferences/v3/definitions");
        requireSuccess(operation, reply);
        List<SubscriptionDefinition> definitions = new ArrayList<>();
        reply.body().path("subscriptionDefinitions").values().forEach(d -> definitions.add(new SubscriptionDefinition(
                d.path("id").asString(), d.path("name").asString(""), d.path("isDefault").asBoolean(false),
                d.path("isActive").asBoolean(true))));
        return definitions;
    }

    /** Unsubscribes an address; the reply says whether HubSpot took it (400 when already unsubscribed). */
    HubSpotHttp.Reply unsubscribe(String email, String subscriptionId) {
        ObjectNode body = object();
        body.put("emailAddress", email);
        body.put("subscriptionId", subscriptionId);
        return http.post("unsubscribe", "/communication-preferences/v3/unsubscribe", body);
    }

    private static void requireSuccess(String operation, HubSpotHttp.Reply reply) {
        if (!reply.success()) {
            throw new CrmApiException("HubSpot " + operation + " was refused: HTTP " + reply.status() + " "
                    + reply.category());
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
