-- Real-time sync (crm-sync serve): how far each connection's CRM change stream has been read (a Salesforce replay id:
-- opaque bytes, stored as given, never computed). Written in the same transaction as the change notices of the
-- events up to it, so a restarted stream resumes exactly after what was stored. A null position: start from the
-- newest events (the stored one was refused by the CRM and a resync was asked for instead).
CREATE TABLE crm_sync.change_stream_positions (
    connection_id bigint      PRIMARY KEY REFERENCES crm_sync.connections (id) ON DELETE CASCADE,
    position      bytea,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
