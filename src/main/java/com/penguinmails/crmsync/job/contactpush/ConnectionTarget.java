package com.penguinmails.crmsync.job.contactpush;

import com.penguinmails.crmsync.core.CrmDescription;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.SyncError;
import com.penguinmails.crmsync.job.support.DryRunReport;
import com.penguinmails.crmsync.mapping.FieldProblem;
import com.penguinmails.crmsync.store.SyncAuditStore;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The CRM connection a partition's contact writer works on and the run it belongs to: how it names the connection,
 * its list and its records, and the dead letters, audit entries and dry-run lines it reports.
 *
 * @param dryRun when set, decisions go to this report and nothing is written to either side
 */
public record ConnectionTarget(long connectionId, String tenantId, CrmDescription crm, String jobName, long jobExecutionId,
                               String stepName, @Nullable DryRunReport dryRun) {

    /** The name dry-run reports file the connection's lines under. */
    public String connectionName() {
        return "connection-" + connectionId;
    }

    /** The static list every contact imported through this connection is on. */
    public String connectionListName() {
        return crm.displayName() + " contacts (connection " + connectionId + ")";
    }

    /** {@code <crm>:<object>:<crm id>}, the key dead letters and dry-run samples name a CRM record by. */
    public String recordKey(CrmRecord record) {
        return recordKey(record.crmId(), record.type());
    }

    /** The key of the CRM record {@code crmId} of {@code type}, as {@link #recordKey(CrmRecord)} writes it. */
    public String recordKey(@Nullable String crmId, ObjectType type) {
        return crm.kind().id() + ":" + type.name().toLowerCase(Locale.ROOT) + ":" + crmId;
    }

    /** The dead letter (or, with {@link SyncError#asWarning()}, the warning) of one field problem of a CRM record. */
    public SyncError error(CrmRecord record, FieldProblem problem) {
        return new SyncError(tenantId, connectionId, jobName, jobExecutionId, recordKey(record), problem.field(),
                problem.field() + " " + problem.reason(), null);
    }

    /** An audit entry of this run's step on this connection. */
    public SyncAuditStore.Entry audit(String action, ObjectType type, int count, Object details) {
        return new SyncAuditStore.Entry(tenantId, connectionId, jobName, jobExecutionId, stepName, action,
                type.name(), count, details);
    }

    /** Adds the keys of what a dry run would do to its report; only on a dry run. */
    public void report(ObjectType type, String action, List<String> keys) {
        Objects.requireNonNull(dryRun).add(jobExecutionId, connectionName(), type.name(), action, keys);
    }
}
