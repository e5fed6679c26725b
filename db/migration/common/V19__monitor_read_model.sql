-- Issue 13, monitoring: a stable category of every error and warning (reason is free text: a CRM's words, a field's
-- problem), what errors are grouped, retried and ignored by; and the indexes the read model's queries use.
-- The category is derived from the reason, so every writer (jobs, the service) gets it without a change; the first
-- matching rule wins (a record with two problems joins their reasons with '; ').
ALTER TABLE crm_sync.sync_errors ADD COLUMN category text NOT NULL GENERATED ALWAYS AS (
    CASE
        WHEN reason ~* '(rate limit|too many requests|\m429\M|quota)' THEN 'rate_limited'
        WHEN reason ~* 'is missing: a contact needs an e-mail' THEN 'missing_email'
        WHEN reason ~* '(is not an e-mail address|invalid e-?mail)' THEN 'invalid_email'
        WHEN reason ~* '(address another contact already holds|duplicates another CRM record)' THEN 'duplicate_email'
        WHEN reason ~* '(was cut to|too long|exceeds the maximum length)' THEN 'field_too_long'
        WHEN reason ~* '(does not exist on|is read-only on|has no writable property|PROPERTY_DOESNT_EXIST|READ_ONLY_VALUE|INVALID_FIELD)'
            THEN 'field_unavailable'
        WHEN reason ~* 'is not a (possible )?phone number' THEN 'invalid_phone'
        WHEN reason ~* '(is not a date|date-time without a time zone)' THEN 'invalid_date'
        WHEN reason ~* '(outside its picklist|is not a yes/no value|is not a web address|is a [a-z_]+ field but)'
            THEN 'invalid_value'
        WHEN reason ~* '(NUL characters|broken \(unpaired)' THEN 'value_cleaned'
        WHEN reason ~* 'PostgreSQL refused it' THEN 'database_refused'
        WHEN reason ~* 'refused' THEN 'crm_refused'
        ELSE 'other'
    END) STORED;

-- a connection's open errors, by category (error groups, retry and ignore by reason)
CREATE INDEX sync_errors_connection_open_idx ON crm_sync.sync_errors (connection_id, category)
    WHERE status = 'open';

-- a connection's partition steps (named '<worker step>:connection-<id>'): its last run and last successful sync
CREATE INDEX batch_step_execution_connection_idx
    ON batch_step_execution ((CAST(substring(step_name FROM ':connection-([0-9]+)$') AS bigint)), job_execution_id);

-- records in and out per connection over the last hours (the run's rows; people's changes are job_name 'admin')
CREATE INDEX sync_audit_connection_job_recorded_idx ON crm_sync.sync_audit (connection_id, recorded_at)
    WHERE job_name <> 'admin';
