package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.Cursor;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HubSpot's change feed of one object type, one page per call. Updates come from search on the last-modified
 * property, sorted ascending, read keyset-style: every request starts at the last modification time emitted
 * (records modified later, or at that very millisecond but not yet emitted), so no request pages deeper than one
 * page and search's 10,000-result cap is never met, however many records changed. Time is HubSpot's: a run's
 * windows are measured from HubSpot's clock as it stands when the run begins ({@link HubSpotApi#serverTime}), so a
 * HubSpot clock ahead of or behind ours neither delays nor loses a change. Records that change while the
 * feed pages move later in the order and are read again with their new values; none is skipped. A run reads up to
 * now minus the search index lag, then walks the archived list for records archived since the last run (merged-away
 * records come with the id they were merged into). Merges also show on survivors ({@code hs_merged_object_ids}):
 * each merged id is emitted as a deletion, merged into the survivor, just before the survivor.
 */
public final class ChangeFeed {

    private final ConsentWriter consent;

    static final int MAX_SEARCH_LIMIT = 200;
    static final int MAX_LIST_LIMIT = 100;
    /** HubSpot caps the values of one IN / NOT_IN filter; beyond it the feed steps over ties by offset. */
    static final int MAX_FILTER_VALUES = 100;
    static final String MERGED_IDS = "hs_merged_object_ids";

    private final HubSpotApi api;
    private final PropertyDirectory directory;
    private final HubSpotOptions options;
    private final Clock clock;

    public ChangeFeed(HubSpotApi api, PropertyDirectory directory, HubSpotOptions options, Clock clock,
                      ConsentWriter consent) {
        this.consent = consent;
        this.api = api;
        this.directory = directory;
        this.options = options;
        this.clock = clock;
    }

    public Page<CrmRecord> changes(ObjectType type, Cursor since, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be at least 1, was " + pageSize);
        }
        HubSpotObject object = HubSpotObject.of(type);
        ChangeCursor cursor = ChangeCursor.parse(since);
        if (cursor.runNow() == null) { // a run begins: its windows are measured by HubSpot's clock, not ours
            cursor = cursor.withRunNow(api.serverTime(object, clock));
        }
        if (cursor.phase() == ChangeCursor.Phase.UPDATES) {
            Page<CrmRecord> updates = updates(type, object, cursor, pageSize);
            ChangeCursor next = ChangeCursor.parse(updates.next());
            if (!updates.items().isEmpty() || next.phase() == ChangeCursor.Phase.UPDATES) {
                return updates;
            }
            cursor = next;
        }
        return deletions(type, object, cursor, pageSize);
    }

    private Page<CrmRecord> updates(ObjectType type, HubSpotObject object, ChangeCursor cursor, int pageSize) {
        Instant crmNow = Objects.requireNonNull(cursor.runNow());
        Instant horizon = cursor.horizon() != null ? cursor.horizon()
                : options.searchIndexLag().isZero() ? null : crmNow.minus(options.searchIndexLag());
        int limit = Math.min(pageSize, MAX_SEARCH_LIMIT);
        HubSpotApi.SearchPage page = api.search(object, searchBody(object, cursor, horizon, limit));
        List<CrmRecord> items = new ArrayList<>();
        Instant from = cursor.from();
        Set<String> seen = new LinkedHashSet<>(cursor.seen());
        boolean truncated = false;
        for (HsObject record : page.results()) {
            Instant modified = modifiedAt(object, record);
            if (modified.equals(cursor.from()) && cursor.seen().contains(record.id())) {
                continue; // already emitted (only possible when stepping over ties by offset)
            }
            List<CrmRecord> emitted = emit(type, record, modified);
            if (!items.isEmpty() && items.size() + emitted.size() > pageSize) {
                truncated = true;
                break;
            }
            items.addAll(emitted);
            if (modified.isAfter(from)) {
                from = modified;
                seen.clear();
            }
            seen.add(record.id());
        }
        ChangeCursor next = cursor.withUpdates(from, List.copyOf(seen), horizon);
        // a short page is the end; so is a full one that holds all the query matched (saves an empty search)
        boolean caughtUp = !truncated && (page.results().size() < limit || page.total() <= page.results().size());
        if (!caughtUp) {
            return new Page<>(items, next.toCursor(), true);
        }
        Instant listingStart = crmNow.minus(options.searchIndexLag());
        return new Page<>(items, next.startDeletions(listingStart).toCursor(), true);
    }

    private ObjectNode searchBody(HubSpotObject object, ChangeCursor cursor, @Nullable Instant horizon, int limit) {
        String modified = object.modifiedProperty();
        ObjectNode body = HubSpotApi.object();
        ArrayNode groups = body.putArray("filterGroups");
        boolean stepOverTies = cursor.seen().size() > MAX_FILTER_VALUES;
        if (cursor.seen().isEmpty() || stepOverTies) {
            ArrayNode filters = groups.addObject().putArray("filters");
            filters.add(filter(modified, "GTE", cursor.from()));
            if (horizon != null) {
                filters.add(filter(modified, "LT", horizon));
            }
        } else {
            ArrayNode later = groups.addObject().putArray("filters");
            later.add(filter(modified, "GT", cursor.from()));
            if (horizon != null) {
                later.add(filter(modified, "LT", horizon));
            }
            ArrayNode ties = groups.addObject().putArray("filters");
            ties.add(filter(modified, "EQ", cursor.from()));
            ObjectNode notSeen = ties.addObject();
            notSeen.put("propertyName", "hs_object_id");
            notSeen.put("operator", "NOT_IN");
            cursor.seen().forEach(notSeen.putArray("values")::add);
        }
        ObjectNode sort = body.putArray("sorts").addObject();
        sort.put("propertyName", modified);
        sort.put("direction", "ASCENDING");
        properties(object).forEach(body.putArray("properties")::add);
        body.put("limit", limit);
        if (stepOverTies) {
            body.put("after", Integer.toString(cursor.seen().size()));
        }
        return body;
    }

    private static ObjectNode filter(String property, String operator, Instant value) {
        ObjectNode filter = HubSpotApi.object();
        filter.put("propertyName", property);
        filter.put("operator", operator);
        filter.put("value", Long.toString(value.toEpochMilli()));
        return filter;
    }

    /** The properties a feed page asks for: the connection's map's, or every property, plus the modified time. */
    List<String> properties(HubSpotObject object) {
        ObjectType type = switch (object) {
            case CONTACTS -> ObjectType.CONTACT;
            case COMPANIES -> ObjectType.COMPANY;
            default -> ObjectType.DEAL;
        };
        Set<String> names = new LinkedHashSet<>();
        options.properties(type).ifPresentOrElse(names::addAll,
                () -> directory.of(object).forEach(p -> names.add(p.name())));
        names.add(object.modifiedProperty());
        names.add(MERGED_IDS);
        return List.copyOf(names);
    }

    /** The survivor's merged ids as deletions merged into it, then the survivor. */
    private List<CrmRecord> emit(ObjectType type, HsObject record, Instant modified) {
        List<CrmRecord> emitted = new ArrayList<>();
        String merged = record.property(MERGED_IDS);
        if (merged != null) {
            for (String loser : merged.split(";")) {
                if (!loser.isBlank() && !loser.trim().equals(record.id())) {
                    emitted.add(CrmRecord.deletion(type, loser.trim(), modified, record.id()));
                }
            }
        }
        emitted.add(live(type, record, modified));
        return emitted;
    }

    /** A live record as the feed hands it out: its properties, and for contacts the opt-out consent reads. */
    CrmRecord live(ObjectType type, HsObject record, Instant modified) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>(record.properties());
        if (type == ObjectType.CONTACT) { // the opt-out of the managed subscription counts as an opt-out
            fields.put(RecordWriter.OPT_OUT, Boolean.toString(consent.optedOut(fields)));
        }
        return CrmRecord.of(type, record.id(), modified, fields);
    }

    static Instant modifiedAt(HubSpotObject object, HsObject record) {
        Instant modified = HsObject.instant(record.property(object.modifiedProperty()));
        if (modified == null) {
            modified = record.updatedAt();
        }
        return modified == null ? Instant.EPOCH : modified;
    }

    private Page<CrmRecord> deletions(ObjectType type, HubSpotObject object, ChangeCursor cursor, int pageSize) {
        ChangeCursor current = cursor;
        while (true) {
            HubSpotApi.ListPage page = api.listArchived(object, current.archivedAfter(),
                    Math.min(pageSize, MAX_LIST_LIMIT), List.of(object.modifiedProperty()));
            List<HsObject> fresh = new ArrayList<>();
            for (HsObject archived : page.results()) {
                Instant at = archived.archivedAt();
                if (at != null && !at.isBefore(current.deletedSince())
                        && !current.deletedSeen().contains(archived.id())) {
                    fresh.add(archived);
                }
            }
            fresh.sort(Comparator.comparing(a -> Objects.requireNonNull(a.archivedAt())));
            Map<String, String> survivors = survivors(object, fresh);
            List<CrmRecord> items = new ArrayList<>();
            List<String> listingSeen = new ArrayList<>(current.listingSeen());
            for (HsObject archived : fresh) {
                Instant at = Objects.requireNonNull(archived.archivedAt());
                items.add(CrmRecord.deletion(type, archived.id(), at, survivors.get(archived.id())));
                if (current.listingStart() != null && !at.isBefore(current.listingStart())) {
                    listingSeen.add(archived.id());
                }
            }
            if (page.after() == null) {
                return new Page<>(items, current.withListing(null, listingSeen).finishRun().toCursor(), false);
            }
            current = current.withListing(page.after(), listingSeen);
            if (!items.isEmpty()) {
                return new Page<>(items, current.toCursor(), true);
            }
        }
    }

    /**
     * Which of the archived records were merged, and into what: reading a merged-away id returns the record it was
     * merged into, whose {@code hs_merged_object_ids} names it. One batch read per page; plain deletions are not found.
     */
    private Map<String, String> survivors(HubSpotObject object, List<HsObject> archived) {
        Map<String, String> survivors = new LinkedHashMap<>();
        if (archived.isEmpty()) {
            return survivors;
        }
        ArrayNode inputs = HubSpotApi.array();
        archived.forEach(a -> inputs.addObject().put("id", a.id()));
        ObjectNode extra = HubSpotApi.object();
        extra.putArray("properties").add(MERGED_IDS);
        BatchReply reply = api.batch(object, "read", inputs, extra);
        Set<String> wanted = new LinkedHashSet<>();
        archived.forEach(a -> wanted.add(a.id()));
        for (HsObject survivor : reply.results()) {
            String merged = survivor.property(MERGED_IDS);
            if (merged == null) {
                continue;
            }
            for (String loser : merged.split(";")) {
                if (wanted.contains(loser.trim()) && !survivor.id().equals(loser.trim())) {
                    survivors.put(loser.trim(), survivor.id());
                }
            }
        }
        return survivors;
    }
}
