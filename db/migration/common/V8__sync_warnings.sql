-- Warnings beside errors: a value that was dropped, cleaned or cut while its record synced. An error is one per
-- record (the record did not sync); a warning is one per record and field (the rest of the record synced), open until
-- that field syncs clean or an operator ignores it.
ALTER TABLE crm_sync.sync_errors
    ADD COLUMN kind text NOT NULL DEFAULT 'error' CHECK (kind IN ('error', 'warning'));

DROP INDEX crm_sync.sync_errors_open_uk;
CREATE UNIQUE INDEX sync_errors_open_uk ON crm_sync.sync_errors
    (job_name, tenant_id, coalesce(connection_id, 0), record_key, kind,
     (CASE WHEN kind = 'warning' THEN coalesce(field, '') ELSE '' END))
    WHERE status = 'open';

-- run summaries count what an execution recorded
CREATE INDEX sync_errors_execution_idx ON crm_sync.sync_errors (job_execution_id);
