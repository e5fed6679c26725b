-- crm-sync serve: the HTTP Basic auth credentials a CRM (Pipedrive) is given for its webhook deliveries to one
-- connection's address. Generated per connection by the service, sealed like the connection's own secrets (only
-- ciphertext and the id of the sealing key are stored; the ciphertext is bound to its connection and to this table),
-- re-sealed by `credentials rotate-key`, deleted with the connection's secrets on disconnect.
CREATE TABLE crm_sync.webhook_credentials (
    connection_id bigint      PRIMARY KEY REFERENCES crm_sync.connections (id) ON DELETE CASCADE,
    ciphertext    bytea       NOT NULL,
    key_id        text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
