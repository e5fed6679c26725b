-- Issue 13: who made a change (every change made through the API, the console or the CLI is audited with its actor:
-- 'user:<jwt subject>', 'operator:<jwt subject>', 'cli:<os user>', 'system:<component>'; job rows leave it null), and a connection paused
-- at its API allocation.
ALTER TABLE crm_sync.sync_audit ADD COLUMN actor text;

-- the activity log is read per tenant or per connection, newest first, a page at a time
CREATE INDEX sync_audit_tenant_recorded_idx ON crm_sync.sync_audit (tenant_id, recorded_at DESC, id DESC);
CREATE INDEX sync_audit_connection_recorded_idx ON crm_sync.sync_audit (connection_id, recorded_at DESC, id DESC)
    WHERE connection_id IS NOT NULL;

-- A connection that reached its API allocation (its share of the CRM's daily quota) pauses itself until the CRM's
-- quota resets: runs and the service leave it out until then, and it resumes by itself.
ALTER TABLE crm_sync.connections ADD COLUMN quota_paused_until timestamptz;
