-- Outbound real time (crm-sync serve): PenguinMails changes are announced the moment they commit, so the service
-- pushes them to the CRMs in seconds instead of at the next CronJob run.
--
-- Triggers send NOTIFY crm_sync_outbound with one payload per CRM connection that has something new to push (ids
-- only, never personal data; PostgreSQL delivers a notification when, and only if, its transaction commits, and
-- folds identical payloads of one transaction into one):
--   'engagement:<connection id>:<first event id>'  new penguinmails.engagement_events of the connection's tenant; the
--                                                  smallest new id lets the push read back to an event whose
--                                                  transaction committed after a later one was pushed
--   'contacts:<connection id>'                     contacts marked in crm_sync.contact_changes (V7's capture, lead-score,
--                                                  inbound conflicts) that the connection's outbound step reads
-- A mark that only echoes a connection's own inbound writes (reasons {crm-echo:<id>}) wakes the tenant's other
-- connections, not that one (its outbound reader leaves the mark out too). A transaction that sets
-- crm_sync.notify = 'off' (the outbound writer's re-marks of refused contacts, which the next run retries) notifies
-- nothing, so a refusal does not wake the push that made it.
-- Only active connections are woken. The listener of crm-sync serve pushes each connection under the job's lock; a
-- notification lost (no listener then) is found by the listener's sweep and, in any case, by the next CronJob run.

CREATE FUNCTION crm_sync.notify_outbound_contacts() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF coalesce(current_setting('crm_sync.notify', true), '') = 'off' THEN
        RETURN NULL;
    END IF;
    PERFORM pg_notify('crm_sync_outbound', 'contacts:' || woken.id)
    FROM (SELECT DISTINCT c.id FROM new_rows n
          JOIN crm_sync.connections c ON c.tenant_id = n.tenant_id AND c.status = 'active'
          WHERE NOT (n.reasons <@ ARRAY['crm-echo:' || c.id])) AS woken;
    RETURN NULL;
END
$$;

-- An upsert (INSERT ... ON CONFLICT DO UPDATE) fires both: its new rows in the first, its re-marked ones in the second.
CREATE TRIGGER contact_changes_notify_insert AFTER INSERT ON crm_sync.contact_changes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_sync.notify_outbound_contacts();
CREATE TRIGGER contact_changes_notify_update AFTER UPDATE ON crm_sync.contact_changes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_sync.notify_outbound_contacts();

-- One notification per active connection of each tenant with new events in the statement (SECURITY DEFINER: the
-- platform's role, inserting its events, needs no rights on crm_sync).
CREATE FUNCTION crm_sync.notify_outbound_engagement() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM pg_notify('crm_sync_outbound', 'engagement:' || c.id || ':' || e.first_id)
    FROM (SELECT tenant_id, min(id) AS first_id FROM new_rows GROUP BY tenant_id) AS e
    JOIN crm_sync.connections c ON c.tenant_id = e.tenant_id AND c.status = 'active';
    RETURN NULL;
END
$$;

-- The engagement trigger is on a platform table: it is installed with the capture triggers by
-- crm_sync.install_change_capture() (here, after every migration, or by the platform as the tables' owner).
CREATE OR REPLACE FUNCTION crm_sync.install_change_capture() RETURNS integer
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    wanted  text[][] := ARRAY[
        ARRAY['contacts', 'crm_sync_capture_insert',
              'AFTER INSERT ON penguinmails.contacts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT '
              || 'EXECUTE FUNCTION crm_sync.capture_contact_changes()'],
        ARRAY['contacts', 'crm_sync_capture_update',
              'AFTER UPDATE ON penguinmails.contacts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
              || 'FOR EACH STATEMENT EXECUTE FUNCTION crm_sync.capture_contact_changes()'],
        ARRAY['companies', 'crm_sync_capture_update',
              'AFTER UPDATE ON penguinmails.companies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
              || 'FOR EACH STATEMENT EXECUTE FUNCTION crm_sync.capture_company_changes()'],
        ARRAY['engagement_events', 'crm_sync_outbound_notify',
              'AFTER INSERT ON penguinmails.engagement_events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT '
              || 'EXECUTE FUNCTION crm_sync.notify_outbound_engagement()']];
    created integer := 0;
BEGIN
    FOR i IN 1 .. array_length(wanted, 1) LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_trigger t
                       WHERE t.tgrelid = to_regclass('penguinmails.' || wanted[i][1])
                         AND t.tgname = wanted[i][2] AND NOT t.tgisinternal) THEN
            BEGIN
                EXECUTE 'CREATE TRIGGER ' || wanted[i][2] || ' ' || wanted[i][3];
            EXCEPTION WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'cannot install the change capture trigger % on penguinmails.%: %', wanted[i][2],
                    wanted[i][1], SQLERRM
                    USING HINT = 'GRANT TRIGGER ON penguinmails.contacts, penguinmails.companies, '
                        || 'penguinmails.engagement_events TO ' || current_user
                        || ', or run SELECT crm_sync.install_change_capture() as their owner';
            END;
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END
$$;

SELECT crm_sync.install_change_capture();
