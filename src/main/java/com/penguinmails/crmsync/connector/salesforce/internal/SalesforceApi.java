package com.penguinmails.crmsync.connector.salesforce.internal;

import com.penguinmails.crmsync.connector.support.ApiExecutor;
import com.penguinmails.crmsync.core.Activity;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.Cursor;
import com.penguinmails.crmsync.core.ObjectDescription;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.Page;
import com.penguinmails.crmsync.core.WriteResult;
import java.util.List;
import java.util.function.Supplier;

/**
 * One connection's Salesforce API, wired: the SOAP and REST clients on the connection's executor and the feed,
 * writers and describe built on them. The connector's operations, in vendor terms hidden from the caller.
 */
public final class SalesforceApi {

    private final ChangeFeed feed;
    private final ByIdReader byId;
    private final RecordWriter writer;
    private final ActivityLogger activities;
    private final FieldCatalog catalog;

    /** @param instanceUrl where API calls go ({@code instance_url}), looked up at each call */
    public SalesforceApi(String connectionName, ApiExecutor executor, Supplier<String> instanceUrl,
                         SalesforceSettings settings) {
        SoapClient soap = new SoapClient(connectionName, executor, instanceUrl, settings);
        BulkJobs bulk = new BulkJobs(new RestClient(connectionName, executor, instanceUrl, settings), settings);
        this.catalog = new FieldCatalog(soap);
        SoapWriter soapWriter = new SoapWriter(soap);
        Records records = new Records(catalog);
        this.feed = new ChangeFeed(soap, catalog, records, new BulkQuery(bulk), settings);
        this.byId = new ByIdReader(soap, catalog, records);
        BulkIngest ingest = new BulkIngest(bulk);
        this.writer = new RecordWriter(soapWriter, ingest, settings);
        this.activities = new ActivityLogger(soapWriter, soap, ingest, settings);
    }

    public Page<CrmRecord> changes(ObjectType type, Cursor since, int pageSize) {
        return feed.changes(type, since, pageSize);
    }

    public List<CrmRecord> read(ObjectType type, java.util.Collection<String> ids) {
        return byId.read(type, ids);
    }

    public List<WriteResult> upsert(ObjectType type, List<CrmRecord> records) {
        return writer.upsert(type, records);
    }

    public List<WriteResult> logActivities(List<Activity> activities) {
        return this.activities.log(activities);
    }

    public ObjectDescription describe(ObjectType type) {
        return catalog.describe(type);
    }
}
