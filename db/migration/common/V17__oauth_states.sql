-- Issue 13: hosted OAuth connect. One row per authorisation a user started from PenguinMails settings and has not
-- completed: the callback consumes it once (DELETE ... RETURNING), so a replayed state finds nothing. Only a SHA-256
-- hash of the state is kept, and the PKCE code verifier is sealed with the credentials keyset (scope 'oauth-state').
CREATE TABLE crm_sync.oauth_states (
    state_hash      bytea PRIMARY KEY,
    tenant_id       text        NOT NULL,
    crm             text        NOT NULL,
    actor           text        NOT NULL,
    connection_id   bigint REFERENCES crm_sync.connections (id) ON DELETE CASCADE,
    verifier_sealed bytea       NOT NULL,
    verifier_key_id text        NOT NULL,
    redirect_uri    text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL
);

-- expired rows are swept when new authorisations start
CREATE INDEX oauth_states_expires_idx ON crm_sync.oauth_states (expires_at);
