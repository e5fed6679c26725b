package com.penguinmails.crmsync.connector.salesforce.internal;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.Cursor;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.Page;
import com.sforce.soap.partner.DeletedRecord;
import com.sforce.soap.partner.GetDeletedResult;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.sobject.SObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The change feed of one object, page by page (see {@link ChangeCursor} for the phases). A first sync reads every
 * live record with SOQL ordered by {@code SystemModstamp}; later runs open a window from the cursor to getDeleted's
 * {@code latestDateCovered} and merge the live records changed in it (SOQL) with its deletions (getDeleted; merges
 * carry their {@code MasterRecordId}, read with queryAll). A window holding more than {@code bulkQueryThreshold}
 * records is read with a Bulk API 2.0 query job. A cursor older than Salesforce's 30-day replication window, or one
 * whose deletions the recycle bin no longer holds, restarts with a full resync, and the cursor's note says so.
 */
final class ChangeFeed {

    /** How far back getUpdated/getDeleted may start, with an hour's margin for a slow run. */
    static final Duration REPLICATION_LIMIT = Duration.ofDays(30).minusHours(1);
    private static final int MIN_BATCH = 200;
    private static final int MAX_BATCH = 2000;
    private static final int IDS_PER_QUERY = 500;
    /** The order of deletions (getDeleted's are unordered); live records keep Salesforce's query order. */
    private static final Comparator<CrmRecord> OLDEST_FIRST = Comparator
            .comparing((CrmRecord r) -> r.modifiedAt() == null ? Instant.EPOCH : r.modifiedAt())
            .thenComparing(r -> String.valueOf(r.crmId()));

    private final SoapClient soap;
    private final FieldCatalog catalog;
    private final Records records;
    private final BulkQuery bulk;
    private final SalesforceSettings settings;

    ChangeFeed(SoapClient soap, FieldCatalog catalog, Records records, BulkQuery bulk, SalesforceSettings settings) {
        this.soap = soap;
        this.catalog = catalog;
        this.records = records;
        this.bulk = bulk;
        this.settings = settings;
    }

    Page<CrmRecord> changes(ObjectType type, Cursor since, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be at least 1, was " + pageSize);
        }
        if (since.isStart()) {
            return read(type, ChangeCursor.full(serverTime().truncatedTo(ChronoUnit.SECONDS), null), pageSize, null);
        }
        if (since.sinceInstant().isPresent()) {
            return since(type, since.sinceInstant().get(), pageSize);
        }
        ChangeCursor cursor = ChangeCursor.parse(since);
        try {
            return switch (cursor.phase()) {
                case FULL, WINDOW -> read(type, cursor, pageSize, null);
                case DELTA -> open(type, cursor, pageSize);
                case BULK -> readBulk(type, cursor, pageSize);
            };
        } catch (SoapFaults.ReplicationDateRejected e) {
            return resync(type, serverTime(), pageSize, "the window from " + cursor.from() + " is no longer "
                    + "replicable (" + e.getMessage() + ")");
        }
    }

    /**
     * The first page of a feed from {@code from}: a delta window (live records and deletions) when getDeleted still
     * reaches that far back, else the live records modified since then (the cursor's note says deletions are not read).
     */
    private Page<CrmRecord> since(ObjectType type, Instant from, int pageSize) {
        Instant start = from.truncatedTo(ChronoUnit.SECONDS);
        Instant now = serverTime();
        if (start.isBefore(now.minus(REPLICATION_LIMIT))) {
            return read(type, ChangeCursor.fullFrom(start, now.truncatedTo(ChronoUnit.SECONDS), "since " + start
                    + ", older than the 30 days Salesforce replicates: deletions before the run are not read"),
                    pageSize, null);
        }
        try {
            return open(type, ChangeCursor.delta(start), pageSize);
        } catch (SoapFaults.ReplicationDateRejected e) {
            return read(type, ChangeCursor.fullFrom(start, now.truncatedTo(ChronoUnit.SECONDS), "since " + start
                    + ": getDeleted refused the window (" + e.getMessage() + "); deletions are not read"), pageSize,
                    null);
        }
    }

    private Page<CrmRecord> open(ObjectType type, ChangeCursor cursor, int pageSize) {
        Instant from = java.util.Objects.requireNonNull(cursor.from(), "a DELTA cursor has a start");
        Instant now = serverTime();
        if (from.isBefore(now.minus(REPLICATION_LIMIT))) {
            return resync(type, now, pageSize, "the cursor (" + from + ") is older than the 30 days Salesforce "
                    + "replicates; deletions before the resync may be missed");
        }
        Instant end = now.truncatedTo(ChronoUnit.MINUTES);
        if (!end.isAfter(from)) {
            return new Page<>(List.of(), cursor.toCursor(), false);
        }
        String object = SalesforceObjects.name(type);
        GetDeletedResult deleted;
        while (true) {
            Instant windowEnd = end;
            try {
                deleted = soap.call("getDeleted " + object, c -> c.getDeleted(object, calendar(from),
                        calendar(windowEnd)));
                break;
            } catch (SoapFaults.TooManyIds e) {
                end = from.plus(Duration.between(from, end).dividedBy(2)).truncatedTo(ChronoUnit.MINUTES);
                if (!end.isAfter(from)) {
                    throw e;
                }
            }
        }
        Instant earliest = instant(deleted.getEarliestDateAvailable());
        if (earliest != null && earliest.isAfter(from)) {
            return resync(type, now, pageSize, "Salesforce's recycle bin holds deletions from " + earliest
                    + " only, after the cursor (" + from + "); deletions before it may be missed");
        }
        Instant to = instant(deleted.getLatestDateCovered());
        if (to == null || !to.isAfter(from)) {
            return new Page<>(List.of(), cursor.toCursor(), false);
        }
        return read(type, ChangeCursor.window(from, to), pageSize, deletions(type, deleted));
    }

    private Page<CrmRecord> resync(ObjectType type, Instant now, int pageSize, String why) {
        return read(type, ChangeCursor.full(now.truncatedTo(ChronoUnit.SECONDS), "full resync: " + why), pageSize,
                null);
    }

    /** A page of a FULL or WINDOW phase. */
    private Page<CrmRecord> read(ObjectType type, ChangeCursor cursor, int pageSize,
                                 @Nullable List<CrmRecord> windowDeletions) {
        String object = SalesforceObjects.name(type);
        Instant to = java.util.Objects.requireNonNull(cursor.to(), "a window has an end");
        List<CrmRecord> live = new ArrayList<>();
        boolean liveMore = false;
        if (cursor.live()) {
            List<String> fields = catalog.selectable(type);
            String soql = Soql.window(object, fields, cursor.from(), to, cursor.afterStamp(), cursor.afterId());
            int batch = Math.max(MIN_BATCH, Math.min(MAX_BATCH, pageSize));
            QueryResult result = soap.call("query " + object, batch, c -> c.query(soql));
            if (cursor.afterId() == null && result.getSize() > settings.bulkQueryThreshold()) {
                String jobId = bulk.run(object, Soql.window(object, fields, cursor.from(), to, null, null));
                return readBulk(type, cursor.bulk(jobId, null), pageSize);
            }
            add(type, result, fields, live);
            while (!result.isDone() && live.size() < pageSize) {
                result = more(type, cursor, result.getQueryLocator(), fields, live, batch);
            }
            liveMore = !result.isDone();
        }
        List<CrmRecord> deletions = new ArrayList<>();
        if (cursor.deletions()) {
            List<CrmRecord> all = windowDeletions != null ? windowDeletions : deletions(type, soap.call(
                    "getDeleted " + object, c -> c.getDeleted(object, calendar(cursor.from()), calendar(to))));
            all.stream().filter(d -> after(d, cursor)).forEach(deletions::add);
        }
        Instant bound = liveMore ? live.get(live.size() - 1).modifiedAt() : null;
        List<CrmRecord> merged = merge(live, deletions.stream().filter(d -> bound == null
                || !d.modifiedAt().isAfter(bound)).toList());
        List<CrmRecord> page = merged.subList(0, Math.min(pageSize, merged.size()));
        long deletionsOut = page.stream().filter(CrmRecord::deleted).count();
        boolean deletionsLeft = deletionsOut < deletions.size();
        boolean liveLeft = liveMore || page.size() - deletionsOut < live.size();
        if (!liveMore && merged.size() <= pageSize && !deletionsLeft) {
            return new Page<>(withMasters(type, page), ChangeCursor.delta(to).toCursor(), false);
        }
        CrmRecord lastLive = last(page, false);
        CrmRecord lastDeletion = last(page, true);
        ChangeCursor next = cursor.after(
                lastLive == null ? cursor.afterStamp() : lastLive.modifiedAt(),
                lastLive == null ? cursor.afterId() : lastLive.crmId(),
                lastDeletion == null ? cursor.deletedAfter() : lastDeletion.modifiedAt(),
                lastDeletion == null ? cursor.deletedAfterId() : lastDeletion.crmId(), liveLeft, deletionsLeft);
        return new Page<>(withMasters(type, page), next.toCursor(), true);
    }

    /** Live records in Salesforce's order with deletions merged in by time (live first on a tie). */
    private static List<CrmRecord> merge(List<CrmRecord> live, List<CrmRecord> deletions) {
        List<CrmRecord> merged = new ArrayList<>(live.size() + deletions.size());
        int i = 0;
        int j = 0;
        while (i < live.size() || j < deletions.size()) {
            boolean takeDeletion = i == live.size() || (j < deletions.size()
                    && deletions.get(j).modifiedAt().isBefore(live.get(i).modifiedAt()));
            merged.add(takeDeletion ? deletions.get(j++) : live.get(i++));
        }
        return merged;
    }

    private static @Nullable CrmRecord last(List<CrmRecord> page, boolean deleted) {
        for (int i = page.size() - 1; i >= 0; i--) {
            if (page.get(i).deleted() == deleted) {
                return page.get(i);
            }
        }
        return null;
    }

    private QueryResult more(ObjectType type, ChangeCursor cursor, String locator, List<String> fields,
                             List<CrmRecord> into, int batch) {
        String object = SalesforceObjects.name(type);
        QueryResult result;
        try {
            result = soap.call("queryMore " + object, batch, c -> c.queryMore(locator));
        } catch (SoapFaults.QueryLocatorExpired e) {
            CrmRecord last = into.get(into.size() - 1);
            String soql = Soql.window(object, fields, cursor.from(), java.util.Objects.requireNonNull(cursor.to()),
                    last.modifiedAt(), last.crmId());
            result = soap.call("query " + object, batch, c -> c.query(soql));
        }
        add(type, result, fields, into);
        return result;
    }

    private void add(ObjectType type, QueryResult result, List<String> fields, List<CrmRecord> into) {
        if (result.getRecords() != null) {
            for (SObject record : result.getRecords()) {
                into.add(records.fromSObject(type, record, fields));
            }
        }
    }

    /** A page of a bulk query job's results; when they end, the window's deletions or the next delta. */
    private Page<CrmRecord> readBulk(ObjectType type, ChangeCursor cursor, int pageSize) {
        String object = SalesforceObjects.name(type);
        BulkQuery.Results results;
        try {
            results = bulk.page(object, java.util.Objects.requireNonNull(cursor.jobId()), cursor.locator(),
                    pageSize);
        } catch (RestClient.NotFound e) {
            return read(type, cursor.restart(), pageSize, null);
        }
        List<CrmRecord> page = new ArrayList<>();
        for (String[] row : results.rows()) {
            page.add(records.fromRow(type, results.header(), row));
        }
        if (results.next() != null) {
            return new Page<>(page, cursor.bulk(cursor.jobId(), results.next()).toCursor(), true);
        }
        if (cursor.deletions()) {
            return new Page<>(page, cursor.deletionsOnly().toCursor(), true);
        }
        return new Page<>(page, ChangeCursor.delta(java.util.Objects.requireNonNull(cursor.to())).toCursor(),
                false);
    }

    /** Deletions with the record each was merged into, if any ({@code MasterRecordId}, read with queryAll). */
    private List<CrmRecord> withMasters(ObjectType type, List<CrmRecord> page) {
        List<String> deletedIds = page.stream().filter(CrmRecord::deleted).map(CrmRecord::crmId)
                .map(String::valueOf).toList();
        if (deletedIds.isEmpty()) {
            return List.copyOf(page);
        }
        String object = SalesforceObjects.name(type);
        Map<String, String> masters = new HashMap<>();
        for (int from = 0; from < deletedIds.size(); from += IDS_PER_QUERY) {
            String soql = Soql.byIds(object, List.of("Id", "MasterRecordId"), deletedIds.subList(from,
                    Math.min(deletedIds.size(), from + IDS_PER_QUERY)));
            QueryResult result = soap.call("queryAll " + object, c -> c.queryAll(soql));
            while (true) {
                if (result.getRecords() != null) {
                    for (SObject record : result.getRecords()) {
                        Object master = record.getField("MasterRecordId");
                        if (master instanceof String id && !id.isEmpty()) {
                            masters.put(record.getId(), id);
                        }
                    }
                }
                if (result.isDone()) {
                    break;
                }
                String locator = result.getQueryLocator();
                result = soap.call("queryMore " + object, c -> c.queryMore(locator));
            }
        }
        return page.stream().map(r -> r.deleted() && masters.containsKey(r.crmId())
                ? CrmRecord.deletion(type, String.valueOf(r.crmId()), java.util.Objects.requireNonNull(r.modifiedAt()),
                        masters.get(r.crmId())) : r).toList();
    }

    private static List<CrmRecord> deletions(ObjectType type, GetDeletedResult result) {
        List<CrmRecord> deletions = new ArrayList<>();
        if (result.getDeletedRecords() != null) {
            for (DeletedRecord record : result.getDeletedRecords()) {
                deletions.add(CrmRecord.deletion(type, record.getId(), record.getDeletedDate().toInstant(), null));
            }
        }
        deletions.sort(OLDEST_FIRST);
        return deletions;
    }

    private static boolean after(CrmRecord deletion, ChangeCursor cursor) {
        if (cursor.deletedAfter() == null || cursor.deletedAfterId() == null) {
            return true;
        }
        CrmRecord position = CrmRecord.deletion(deletion.type(), cursor.deletedAfterId(), cursor.deletedAfter(),
                null);
        return OLDEST_FIRST.compare(deletion, position) > 0;
    }

    private Instant serverTime() {
        return soap.call("getServerTimestamp", c -> c.getServerTimestamp()).getTimestamp().toInstant();
    }

    private static @Nullable Instant instant(java.util.@Nullable Calendar calendar) {
        return calendar == null ? null : calendar.toInstant();
    }

    private static java.util.Calendar calendar(@Nullable Instant instant) {
        java.util.Calendar calendar = java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(java.util.Objects.requireNonNull(instant, "a window has a start").toEpochMilli());
        return calendar;
    }
}
