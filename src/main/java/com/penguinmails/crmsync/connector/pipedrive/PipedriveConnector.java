package com.penguinmails.crmsync.connector.pipedrive;

import com.penguinmails.crmsync.connector.pipedrive.internal.ActivityLogger;
import com.penguinmails.crmsync.connector.pipedrive.internal.ByIdReader;
import com.penguinmails.crmsync.connector.pipedrive.internal.ChangeFeed;
import com.penguinmails.crmsync.connector.pipedrive.internal.DeletionProbe;
import com.penguinmails.crmsync.connector.pipedrive.internal.Describer;
import com.penguinmails.crmsync.connector.pipedrive.internal.RecordWriter;
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
import java.util.Collection;
import java.util.List;

/**
 * Pipedrive behind the CRM port: CONTACT is persons, COMPANY organizations, DEAL deals (LEAD is refused with an
 * IllegalArgumentException). Fields are keyed by API name, custom fields by {@code custom:<Field Name>}. Pipedrive's
 * lists hide deleted records, so {@link #changes} reports updates and creations only; {@link #deletions} finds the
 * deleted among the ids a sync knows. Opened by {@link PipedriveConnectorProvider}; the field catalogue is read once
 * per instance.
 */
public final class PipedriveConnector implements CrmConnector {

    private final ChangeFeed feed;
    private final ByIdReader byId;
    private final RecordWriter writer;
    private final ActivityLogger activities;
    private final Describer describer;
    private final DeletionProbe deletions;
    private final ApiExecutor executor;

    PipedriveConnector(ChangeFeed feed, ByIdReader byId, RecordWriter writer, ActivityLogger activities,
                       Describer describer, DeletionProbe deletions, ApiExecutor executor) {
        this.feed = feed;
        this.byId = byId;
        this.writer = writer;
        this.activities = activities;
        this.describer = describer;
        this.deletions = deletions;
        this.executor = executor;
    }

    /**
     * Records created or updated after {@code since}, oldest update first, up to {@code pageSize} (at most 500) per
     * page and one list call per page. The cursor is JSON text that survives restarts.
     */
    @Override
    public Page<CrmRecord> changes(ObjectType type, Cursor since, int pageSize) {
        return feed.changes(type, since, pageSize);
    }

    /** One list call per 100 ids ({@code ids} filter); deleted and merged-away records are absent. */
    @Override
    public List<CrmRecord> read(ObjectType type, Collection<String> ids) {
        return byId.read(type, ids);
    }

    /** One call per record (Pipedrive has no batch writes), concurrently within the burst limit; see RecordWriter. */
    @Override
    public List<WriteResult> upsert(ObjectType type, List<CrmRecord> records) {
        return writer.upsert(type, records);
    }

    @Override
    public List<WriteResult> logActivities(List<Activity> list) {
        return activities.log(list);
    }

    @Override
    public ObjectDescription describe(ObjectType type) {
        return describer.describe(type);
    }

    /** Always: Pipedrive's v2 lists leave deleted records out. */
    @Override
    public boolean feedOmitsDeletions() {
        return true;
    }

    @Override
    public ApiBudget budget() {
        return executor.governor().budget();
    }

    /**
     * Which of {@code knownIds} Pipedrive has deleted (or merged away), as deletions: what {@link #changes} cannot
     * see. Costs one list call per 100 ids up to 500 ids, else one per 500 live records, plus a get per deleted id.
     */
    @Override
    public List<CrmRecord> deletions(ObjectType type, Collection<String> knownIds) {
        return deletions.deletions(type, knownIds);
    }
}
