package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.connector.support.CrmApiException;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads records by id: {@code POST /crm/v3/objects/{contacts|companies}/batch/read} with the feed's properties,
 * {@value #IDS_PER_CALL} ids a call, live records only ({@code archived} left at its default, false), each built as the change feed builds
 * it. HubSpot answers an id it does not have with a 207 and an {@code OBJECT_NOT_FOUND} error naming it, and a
 * merged-away id with the record it was merged into (another id): both are absent from the answer.
 */
public final class ByIdReader {

    static final int IDS_PER_CALL = 100;

    private final HubSpotApi api;
    private final ChangeFeed feed;

    public ByIdReader(HubSpotApi api, ChangeFeed feed) {
        this.api = api;
        this.feed = feed;
    }

    public List<CrmRecord> read(ObjectType type, Collection<String> ids) {
        HubSpotObject object = HubSpotObject.of(type);
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        List<CrmRecord> found = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += IDS_PER_CALL) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_CALL));
            ArrayNode inputs = HubSpotApi.array();
            chunk.forEach(id -> inputs.addObject().put("id", id));
            ObjectNode extra = HubSpotApi.object();
            feed.properties(object).forEach(extra.putArray("properties")::add);
            BatchReply reply = api.batch(object, "read", inputs, extra);
            if (reply.refused()) {
                throw new CrmApiException("HubSpot " + object.path() + " batch read was refused: HTTP "
                        + reply.status() + " " + reply.errors().get(0).category());
            }
            Set<String> wanted = new LinkedHashSet<>(chunk);
            for (HsObject record : reply.results()) {
                if (wanted.remove(record.id())) {
                    found.add(feed.live(type, record, ChangeFeed.modifiedAt(object, record)));
                }
            }
        }
        return found;
    }
}
