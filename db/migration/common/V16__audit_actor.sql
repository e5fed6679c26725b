-- Who made a change (issue 13): every change made through the API, the console or the CLI is audited with its actor
-- ('user:<jwt subject>', 'operator:<jwt subject>', 'cli:<os user>', 'system:<component>'); job rows leave it null.
ALTER TABLE crm_sync.sync_audit ADD COLUMN actor text;

-- the activity log is read per tenant or per connection, newest first, a page at a time
CREATE INDEX sync_audit_tenant_recorded_idx ON crm_sync.sync_audit (tenant_id, recorded_at DESC, id DESC);
CREATE INDEX sync_audit_connection_recorded_idx ON crm_sync.sync_audit (connection_id, recorded_at DESC, id DESC)
    WHERE connection_id IS NOT NULL;
