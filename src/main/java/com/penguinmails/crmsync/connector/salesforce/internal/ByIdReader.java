package com.penguinmails.crmsync.connector.salesforce.internal;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.sobject.SObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads records by id: SOQL {@code SELECT <the feed's fields> FROM <object> WHERE Id IN (...)}, {@value #IDS_PER_QUERY}
 * ids a query, through the same {@code query}/{@code queryMore} calls and record building as the change feed, so a
 * record read by id has exactly the fields the feed gives it. {@code query} leaves deleted records out, so they are
 * absent from the answer, as is an id not shaped like a Salesforce id; an id merged away (Change Data Capture
 * announces a merge only as the loser's DELETE) comes back as a deletion naming its master ({@code MasterRecordId},
 * read with {@code queryAll}, one more query only when some id was not found).
 */
final class ByIdReader {

    /** Ids per query: keeps the SOQL well under its 100,000-character limit with the feed's field list. */
    static final int IDS_PER_QUERY = 200;

    private final SoapClient soap;
    private final FieldCatalog catalog;
    private final Records records;

    ByIdReader(SoapClient soap, FieldCatalog catalog, Records records) {
        this.soap = soap;
        this.catalog = catalog;
        this.records = records;
    }

    List<CrmRecord> read(ObjectType type, Collection<String> ids) {
        // an id that is not shaped like one names no record: absent, like a deleted one
        List<String> distinct = ids.stream().filter(Soql::isId).distinct().toList();
        if (distinct.isEmpty()) {
            return List.of();
        }
        String object = SalesforceObjects.name(type);
        List<String> fields = catalog.selectable(type);
        List<CrmRecord> found = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += IDS_PER_QUERY) {
            String soql = Soql.byIds(object, fields, distinct.subList(from,
                    Math.min(distinct.size(), from + IDS_PER_QUERY)));
            QueryResult result = soap.call("query " + object + " by id", c -> c.query(soql));
            while (true) {
                if (result.getRecords() != null) {
                    for (SObject record : result.getRecords()) {
                        found.add(records.fromSObject(type, record, fields));
                    }
                }
                if (result.isDone()) {
                    break;
                }
                String locator = result.getQueryLocator();
                result = soap.call("queryMore " + object, c -> c.queryMore(locator));
            }
        }
        List<String> missing = new ArrayList<>(distinct);
        found.forEach(record -> missing.remove(record.crmId()));
        found.addAll(mergedAway(type, object, missing));
        return found;
    }

    /** Of ids no longer live, those merged into another record, as deletions naming it (time unknown). */
    private List<CrmRecord> mergedAway(ObjectType type, String object, List<String> missing) {
        List<CrmRecord> merged = new ArrayList<>();
        for (int from = 0; from < missing.size(); from += IDS_PER_QUERY) {
            String soql = Soql.byIds(object, List.of("Id", "MasterRecordId"), missing.subList(from,
                    Math.min(missing.size(), from + IDS_PER_QUERY)));
            QueryResult result = soap.call("queryAll " + object + " by id", c -> c.queryAll(soql));
            while (true) {
                if (result.getRecords() != null) {
                    for (SObject record : result.getRecords()) {
                        if (record.getField("MasterRecordId") instanceof String master && !master.isEmpty()) {
                            merged.add(new CrmRecord(type, record.getId(), null, null, true, master,
                                    java.util.Map.of()));
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
        return merged;
    }
}
