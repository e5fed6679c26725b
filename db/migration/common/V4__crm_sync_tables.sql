-- The sync suite's own bookkeeping. Every table here is owned by CRM Sync.
CREATE SCHEMA IF NOT EXISTS crm_sync;

-- A tenant's link to one CRM account. Settings hold non-secret options (base URL, object choices, flags).
CREATE TABLE crm_sync.connections (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id     text        NOT NULL REFERENCES penguinmails.tenants (id),
    crm           text        NOT NULL CHECK (crm IN ('salesforce', 'hubspot', 'pipedrive')),
    -- the CRM's own account id (Salesforce org id, HubSpot hub id, Pipedrive company domain)
    account_ref   text,
    status        text        NOT NULL DEFAULT 'active'
                              CHECK (status IN ('active', 'disabled', 'auth_failed', 'disconnected')),
    status_reason text,
    settings      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX connections_tenant_crm_account_uk
    ON crm_sync.connections (tenant_id, crm, coalesce(account_ref, ''))
    WHERE status <> 'disconnected';

-- Secrets of a connection, only ever as AEAD ciphertext plus the id of the key that sealed it.
CREATE TABLE crm_sync.credentials (
    connection_id bigint      PRIMARY KEY REFERENCES crm_sync.connections (id) ON DELETE CASCADE,
    kind          text        NOT NULL CHECK (kind IN ('oauth2', 'api_token')),
    ciphertext    bytea       NOT NULL,
    key_id        text        NOT NULL,
    expires_at    timestamptz,
    version       integer     NOT NULL DEFAULT 1,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Per-connection overrides of the default field maps in jobs/mappings.
CREATE TABLE crm_sync.field_mappings (
    connection_id  bigint      NOT NULL REFERENCES crm_sync.connections (id) ON DELETE CASCADE,
    object_type    text        NOT NULL,
    crm_field      text        NOT NULL,
    pm_field       text        NOT NULL,
    direction      text        NOT NULL CHECK (direction IN ('in', 'out', 'both')),
    conflict_policy text       NOT NULL DEFAULT 'NEWEST_WINS'
                               CHECK (conflict_policy IN ('CRM_WINS', 'PENGUINMAILS_WINS', 'NEWEST_WINS')),
    transform      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connection_id, object_type, crm_field)
);

-- PenguinMails record <-> CRM record, with the hash of the values last synced on each side.
CREATE TABLE crm_sync.record_links (
    connection_id   bigint      NOT NULL REFERENCES crm_sync.connections (id) ON DELETE CASCADE,
    object_type     text        NOT NULL,
    crm_id          text        NOT NULL,
    pm_entity       text        NOT NULL CHECK (pm_entity IN ('contact', 'company')),
    pm_id           bigint      NOT NULL,
    crm_hash        text,
    pm_hash         text,
    -- field -> hash of the value last synced, for three-way merges
    field_hashes    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    crm_modified_at timestamptz,
    merged_into     text,
    deleted_at      timestamptz,
    synced_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connection_id, object_type, crm_id)
);
CREATE UNIQUE INDEX record_links_pm_uk ON crm_sync.record_links (connection_id, object_type, pm_entity, pm_id)
    WHERE merged_into IS NULL AND deleted_at IS NULL;

-- Where each stream of a tenant (or of one of its connections) has got to. Moves only when a step completes.
CREATE TABLE crm_sync.watermarks (
    tenant_id        text        NOT NULL REFERENCES penguinmails.tenants (id),
    connection_id    bigint      REFERENCES crm_sync.connections (id) ON DELETE CASCADE,
    stream           text        NOT NULL,
    position         text        NOT NULL,
    job_execution_id bigint,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX watermarks_uk ON crm_sync.watermarks (tenant_id, coalesce(connection_id, 0), stream);

-- PenguinMails engagement event (or e-mail, when rolled up) <-> the CRM activity that records it.
CREATE TABLE crm_sync.activity_links (
    connection_id   bigint      NOT NULL REFERENCES crm_sync.connections (id) ON DELETE CASCADE,
    activity_key    text        NOT NULL,
    crm_activity_id text        NOT NULL,
    content_hash    text,
    synced_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connection_id, activity_key)
);

-- Contacts whose synced state changed on the PenguinMails side; outbound steps read them by change_seq.
CREATE SEQUENCE crm_sync.contact_change_seq;
CREATE TABLE crm_sync.contact_changes (
    contact_id  bigint      PRIMARY KEY REFERENCES penguinmails.contacts (id) ON DELETE CASCADE,
    tenant_id   text        NOT NULL REFERENCES penguinmails.tenants (id),
    change_seq  bigint      NOT NULL DEFAULT nextval('crm_sync.contact_change_seq'),
    reasons     text[]      NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_changes_tenant_seq_idx ON crm_sync.contact_changes (tenant_id, change_seq);

-- Dead letters: records that could not be synced, with why; retried on the next run.
CREATE TABLE crm_sync.sync_errors (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id        text        NOT NULL REFERENCES penguinmails.tenants (id),
    connection_id    bigint      REFERENCES crm_sync.connections (id) ON DELETE CASCADE,
    job_name         text        NOT NULL,
    job_execution_id bigint,
    record_key       text        NOT NULL,
    field            text,
    reason           text        NOT NULL,
    payload          jsonb,
    attempts         integer     NOT NULL DEFAULT 1 CHECK (attempts > 0),
    status           text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'ignored')),
    first_seen_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sync_errors_open_uk ON crm_sync.sync_errors (job_name, tenant_id, coalesce(connection_id, 0), record_key)
    WHERE status = 'open';

-- What each run changed, and every conflict it resolved.
CREATE TABLE crm_sync.sync_audit (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id        text        NOT NULL REFERENCES penguinmails.tenants (id),
    connection_id    bigint      REFERENCES crm_sync.connections (id) ON DELETE CASCADE,
    job_name         text        NOT NULL,
    job_execution_id bigint,
    step_name        text,
    action           text        NOT NULL,
    object_type      text,
    record_count     integer     NOT NULL DEFAULT 0 CHECK (record_count >= 0),
    details          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    recorded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_audit_execution_idx ON crm_sync.sync_audit (job_execution_id);

-- API calls spent per connection per day, against the CRM's quota.
CREATE TABLE crm_sync.api_usage (
    connection_id bigint  NOT NULL REFERENCES crm_sync.connections (id) ON DELETE CASCADE,
    usage_date    date    NOT NULL,
    calls         integer NOT NULL DEFAULT 0 CHECK (calls >= 0),
    quota_limit   integer,
    quota_remaining integer,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connection_id, usage_date)
);

-- Per-tenant lead-score weights and decay; tenants without a row use jobs/lead-score.yml.
CREATE TABLE crm_sync.lead_score_settings (
    tenant_id      text        PRIMARY KEY REFERENCES penguinmails.tenants (id) ON DELETE CASCADE,
    weights        jsonb       NOT NULL,
    half_life_days numeric     NOT NULL CHECK (half_life_days > 0),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
