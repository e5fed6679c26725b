-- Real-time sync (crm-sync serve): every change a CRM announces on its own (a webhook event, a change data capture
-- event) is stored here before the service answers the CRM, deduplicated by the CRM's event id, and applied from here
-- at least once (idempotently: the record is read from the CRM by id when applied).
CREATE TABLE crm_sync.change_notices (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connection_id     bigint      NOT NULL REFERENCES crm_sync.connections (id) ON DELETE CASCADE,
    -- the CRM's event id (plus a suffix when one event names several records)
    event_id          text        NOT NULL,
    object_type       text        NOT NULL CHECK (object_type IN ('CONTACT', 'LEAD', 'COMPANY', 'DEAL')),
    change            text        NOT NULL CHECK (change IN ('UPSERTED', 'DELETED', 'MERGED', 'RESYNC')),
    record_id         text,
    merged_record_ids text[]      NOT NULL DEFAULT '{}',
    occurred_at       timestamptz NOT NULL,
    received_at       timestamptz NOT NULL DEFAULT now(),
    -- set once applied (or given up on: the record went to the error table); null while pending
    applied_at        timestamptz,
    attempts          integer     NOT NULL DEFAULT 0,
    -- why the last attempt failed, for operators; never personal data
    last_failure      text,
    UNIQUE (connection_id, event_id),
    CHECK (record_id IS NOT NULL OR change = 'RESYNC')
);

CREATE INDEX change_notices_pending ON crm_sync.change_notices (connection_id, id) WHERE applied_at IS NULL;
