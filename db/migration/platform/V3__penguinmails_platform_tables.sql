-- The PenguinMails platform's own tables, created here for local runs, the demo and tests.
-- Where the platform owns them already, set crmsync.database.platform-migrations=false and this location is skipped.
CREATE SCHEMA IF NOT EXISTS penguinmails;

CREATE TABLE penguinmails.tenants (
    id          text        PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    name        text        NOT NULL CHECK (length(btrim(name)) > 0),
    status      text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deleted')),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE penguinmails.companies (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   text        NOT NULL REFERENCES penguinmails.tenants (id),
    name        text        NOT NULL CHECK (length(btrim(name)) > 0),
    domain      text        CHECK (domain = lower(btrim(domain))),
    custom      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);
CREATE UNIQUE INDEX companies_tenant_domain_uk ON penguinmails.companies (tenant_id, domain) WHERE domain IS NOT NULL;
CREATE INDEX companies_tenant_idx ON penguinmails.companies (tenant_id, id);

CREATE TABLE penguinmails.contacts (
    id                    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id             text        NOT NULL REFERENCES penguinmails.tenants (id),
    email                 text        NOT NULL CHECK (email = btrim(email) AND email ~ '^[^@\s]+@[^@\s]+$'),
    first_name            text,
    last_name             text,
    phone                 text,
    job_title             text,
    company_id            bigint      REFERENCES penguinmails.companies (id),
    consent_status        text        NOT NULL DEFAULT 'subscribed'
                                      CHECK (consent_status IN ('subscribed', 'unsubscribed', 'pending')),
    consent_changed_at    timestamptz,
    bounce_status         text        NOT NULL DEFAULT 'none' CHECK (bounce_status IN ('none', 'soft', 'hard')),
    bounced_at            timestamptz,
    bounce_reason         text,
    lead_score            integer     NOT NULL DEFAULT 0 CHECK (lead_score BETWEEN 0 AND 100),
    lead_score_updated_at timestamptz,
    tags                  text[]      NOT NULL DEFAULT '{}',
    custom                jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    deleted_at            timestamptz,
    -- a hard bounce always carries its date, an unsubscribe its time
    CHECK (bounce_status <> 'hard' OR bounced_at IS NOT NULL),
    CHECK (consent_status <> 'unsubscribed' OR consent_changed_at IS NOT NULL)
);
-- one contact per e-mail address per tenant, whatever its case
CREATE UNIQUE INDEX contacts_tenant_email_uk ON penguinmails.contacts (tenant_id, lower(email));
CREATE INDEX contacts_tenant_idx ON penguinmails.contacts (tenant_id, id);
CREATE INDEX contacts_tags_idx ON penguinmails.contacts USING gin (tags);

CREATE TABLE penguinmails.lists (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   text        NOT NULL REFERENCES penguinmails.tenants (id),
    name        text        NOT NULL CHECK (length(btrim(name)) > 0),
    kind        text        NOT NULL DEFAULT 'static' CHECK (kind IN ('static', 'segment')),
    -- a segment's rule, e.g. {"tag": "vip"}; null for a static list
    segment_rule jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name),
    CHECK (kind <> 'segment' OR segment_rule IS NOT NULL)
);

CREATE TABLE penguinmails.list_members (
    list_id     bigint      NOT NULL REFERENCES penguinmails.lists (id) ON DELETE CASCADE,
    contact_id  bigint      NOT NULL REFERENCES penguinmails.contacts (id) ON DELETE CASCADE,
    added_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (list_id, contact_id)
);
CREATE INDEX list_members_contact_idx ON penguinmails.list_members (contact_id);

CREATE TABLE penguinmails.campaigns (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   text        NOT NULL REFERENCES penguinmails.tenants (id),
    name        text        NOT NULL,
    subject     text        NOT NULL,
    sent_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE penguinmails.engagement_events (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   text        NOT NULL REFERENCES penguinmails.tenants (id),
    contact_id  bigint      NOT NULL REFERENCES penguinmails.contacts (id),
    campaign_id bigint      REFERENCES penguinmails.campaigns (id),
    -- the e-mail this event belongs to (one per campaign send to a contact)
    message_id  text        NOT NULL,
    event_type  text        NOT NULL CHECK (event_type IN ('sent', 'open', 'click', 'reply', 'bounce', 'unsubscribe')),
    occurred_at timestamptz NOT NULL,
    url         text        CHECK (event_type = 'click' OR url IS NULL),
    detail      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX engagement_events_tenant_idx ON penguinmails.engagement_events (tenant_id, id);
CREATE INDEX engagement_events_contact_idx ON penguinmails.engagement_events (contact_id, id);
