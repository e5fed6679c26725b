package com.penguinmails.crmsync.connector.salesforce;

import com.penguinmails.crmsync.connector.salesforce.internal.SalesforceApi;
import com.penguinmails.crmsync.connector.support.ApiExecutor;
import com.penguinmails.crmsync.core.Activity;
import com.penguinmails.crmsync.core.ApiBudget;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.Cursor;
import com.penguinmails.crmsync.core.ObjectDescription;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.Page;
import com.penguinmails.crmsync.core.WriteResult;
import java.util.List;

/**
 * The {@link CrmConnector} of one Salesforce connection: Contacts, Leads, Accounts (and Opportunities) read and
 * written through the SOAP Partner API and Bulk API 2.0, e-mails logged as Tasks. Opened by
 * {@link SalesforceConnectorProvider}.
 */
public final class SalesforceConnector implements CrmConnector {

    private final SalesforceApi api;
    private final ApiExecutor executor;

    SalesforceConnector(SalesforceApi api, ApiExecutor executor) {
        this.api = api;
        this.executor = executor;
    }

    @Override
    public Page<CrmRecord> changes(ObjectType type, Cursor since, int pageSize) {
        return api.changes(type, since, pageSize);
    }

    /** SOQL {@code WHERE Id IN (...)}, 200 ids a query; deleted records are absent, merged-away ones name their master. */
    @Override
    public List<CrmRecord> read(ObjectType type, java.util.Collection<String> ids) {
        return api.read(type, ids);
    }

    @Override
    public List<WriteResult> upsert(ObjectType type, List<CrmRecord> records) {
        return records.isEmpty() ? List.of() : api.upsert(type, records);
    }

    @Override
    public List<WriteResult> logActivities(List<Activity> activities) {
        return activities.isEmpty() ? List.of() : api.logActivities(activities);
    }

    @Override
    public ObjectDescription describe(ObjectType type) {
        return api.describe(type);
    }

    @Override
    public ApiBudget budget() {
        return executor.governor().budget();
    }
}
