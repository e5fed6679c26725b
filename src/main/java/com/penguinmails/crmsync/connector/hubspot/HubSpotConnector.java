package com.penguinmails.crmsync.connector.hubspot;

import com.penguinmails.crmsync.connector.hubspot.internal.ActivityLogger;
import com.penguinmails.crmsync.connector.hubspot.internal.ByIdReader;
import com.penguinmails.crmsync.connector.hubspot.internal.ChangeFeed;
import com.penguinmails.crmsync.connector.hubspot.internal.ObjectDescriber;
import com.penguinmails.crmsync.connector.hubspot.internal.RecordWriter;
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
 * One HubSpot connection behind the {@link CrmConnector} port: contacts, companies and deals (HubSpot has no leads:
 * {@link ObjectType#LEAD} is refused with an {@link IllegalArgumentException}). Each operation is one of the
 * collaborators in {@code internal}; this class only routes.
 */
public final class HubSpotConnector implements CrmConnector {

    private final ChangeFeed changes;
    private final ByIdReader byId;
    private final RecordWriter writer;
    private final ActivityLogger activities;
    private final ObjectDescriber describer;
    private final ApiExecutor executor;

    HubSpotConnector(ChangeFeed changes, ByIdReader byId, RecordWriter writer, ActivityLogger activities,
                     ObjectDescriber describer, ApiExecutor executor) {
        this.changes = changes;
        this.byId = byId;
        this.writer = writer;
        this.activities = activities;
        this.describer = describer;
        this.executor = executor;
    }

    @Override
    public Page<CrmRecord> changes(ObjectType type, Cursor since, int pageSize) {
        return changes.changes(type, since, pageSize);
    }

    /** Batch reads of up to 100 ids; deleted and merged-away ids are absent. */
    @Override
    public List<CrmRecord> read(ObjectType type, java.util.Collection<String> ids) {
        return byId.read(type, ids);
    }

    @Override
    public List<WriteResult> upsert(ObjectType type, List<CrmRecord> records) {
        return writer.upsert(type, records);
    }

    @Override
    public List<WriteResult> logActivities(List<Activity> activities) {
        return this.activities.log(activities);
    }

    @Override
    public ObjectDescription describe(ObjectType type) {
        return describer.describe(type);
    }

    @Override
    public ApiBudget budget() {
        return executor.governor().budget();
    }
}
