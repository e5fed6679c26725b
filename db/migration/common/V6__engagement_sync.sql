-- E-mails engagement-sync could not log yet: the contact is not linked to the connection's CRM (it may be after the
-- next contact-sync), or the CRM refused the activity. Retried by every run until logged or older than the wait the
-- connection allows; then marked expired (kept a while so a run that reads recent events again does not bring it
-- back) and counted in sync_audit.
CREATE TABLE crm_sync.activity_backlog (
    connection_id bigint      NOT NULL REFERENCES crm_sync.connections (id) ON DELETE CASCADE,
    contact_id    bigint      NOT NULL REFERENCES penguinmails.contacts (id) ON DELETE CASCADE,
    message_id    text        NOT NULL,
    reason        text        NOT NULL CHECK (reason IN ('unlinked', 'refused', 'expired')),
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    attempts      integer     NOT NULL DEFAULT 1,
    PRIMARY KEY (connection_id, contact_id, message_id)
);
