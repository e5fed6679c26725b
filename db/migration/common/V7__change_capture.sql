-- PenguinMails changes captured where they happen, and read in commit order.
--
-- 1. crm_sync.contact_changes rows carry the id of the transaction that last marked them (change_xid, set by a
--    trigger whoever writes the row: this suite, lead-score, the platform). An outbound step reads the rows whose
--    transaction is at or above its watermark and moves the watermark only to the xmin of the snapshot it took when
--    it started: every transaction below it had ended then, so a mark committed late is never skipped.
-- 2. Triggers on penguinmails.contacts (and companies, whose name and domain contacts carry) mark a contact whenever
--    one of its synced columns changes, whoever changes it, so a PenguinMails change needs no one to call us.
--    contact-sync's inbound writer sets crm_sync.capture = 'crm-echo:<connection id>' in its transactions: its
--    contacts are then marked with that reason, which the same connection's outbound step skips (its CRM holds the
--    values) while the tenant's other connections read it. Every other write is marked 'captured'.
-- The triggers are installed by crm_sync.install_change_capture(), here and after every migration
-- (afterMigrate__install_change_capture.sql), so they exist too where the platform owns the penguinmails tables
-- (crmsync.database.platform-migrations=false) or recreated them. It needs the TRIGGER privilege on those tables;
-- the platform can instead run SELECT crm_sync.install_change_capture() as their owner (see the README).

ALTER TABLE crm_sync.contact_changes
    ADD COLUMN change_xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint);
CREATE INDEX contact_changes_tenant_xid_idx ON crm_sync.contact_changes (tenant_id, change_xid, contact_id);
DROP INDEX crm_sync.contact_changes_tenant_seq_idx;

COMMENT ON COLUMN crm_sync.contact_changes.change_xid IS
    'id (xid8 as bigint) of the transaction that last marked the contact; outbound steps read in this order';
COMMENT ON COLUMN crm_sync.contact_changes.change_seq IS
    'kept for writers that set it; no longer read (change_xid orders the changes)';

-- Whoever inserts or re-marks a row (an ON CONFLICT ... DO UPDATE that sets only change_seq included), the row
-- takes the marking transaction's id.
CREATE FUNCTION crm_sync.stamp_contact_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_xid := pg_current_xact_id()::text::bigint;
    RETURN NEW;
END
$$;
CREATE TRIGGER contact_changes_stamp BEFORE INSERT OR UPDATE ON crm_sync.contact_changes
    FOR EACH ROW EXECUTE FUNCTION crm_sync.stamp_contact_change();

-- Outbound watermarks held change numbers; they now hold transaction ids. Every existing mark took this migration's
-- transaction id (the column's default, above) and each outbound watermark is set to it, so each connection reads
-- the marks once more (a contact whose values its CRM already holds costs no API call) and none is lost.
UPDATE crm_sync.watermarks SET position = pg_current_xact_id()::text, updated_at = now()
 WHERE stream IN ('contact-sync.outbound', 'lead-score.push');

-- Marks contacts changed, as the capture triggers do: reason 'captured', or the connection's 'crm-echo:<id>' when
-- contact-sync's inbound step set crm_sync.capture for the transaction.
CREATE FUNCTION crm_sync.mark_captured(contact_ids bigint[], tenant_ids text[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    reason text := CASE WHEN current_setting('crm_sync.capture', true) LIKE 'crm-echo:%'
                        THEN current_setting('crm_sync.capture', true) ELSE 'captured' END;
BEGIN
    INSERT INTO crm_sync.contact_changes (contact_id, tenant_id, reasons)
    SELECT m.contact_id, m.tenant_id, ARRAY[reason] FROM unnest(contact_ids, tenant_ids) AS m(contact_id, tenant_id)
    ON CONFLICT (contact_id) DO UPDATE
       SET changed_at = now(), reasons = CASE WHEN reason = ANY(crm_sync.contact_changes.reasons)
                                              THEN crm_sync.contact_changes.reasons
                                              ELSE crm_sync.contact_changes.reasons || reason END;
END
$$;

-- Contacts inserted, or updated in a synced column: one call per triggering statement (transition tables), so a
-- bulk write costs one insert. SECURITY DEFINER: the platform's own role, writing its contacts, needs no rights on
-- crm_sync.
CREATE FUNCTION crm_sync.capture_contact_changes() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM crm_sync.mark_captured(array_agg(n.id), array_agg(n.tenant_id))
        FROM new_rows n WHERE n.deleted_at IS NULL;
    ELSE
        PERFORM crm_sync.mark_captured(array_agg(n.id), array_agg(n.tenant_id))
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.deleted_at IS NULL
          AND (n.email, n.first_name, n.last_name, n.phone, n.job_title, n.company_id, n.consent_status,
               n.bounce_status, n.bounce_reason, n.lead_score, n.tags, n.custom, n.deleted_at, n.tenant_id)
              IS DISTINCT FROM
              (o.email, o.first_name, o.last_name, o.phone, o.job_title, o.company_id, o.consent_status,
               o.bounce_status, o.bounce_reason, o.lead_score, o.tags, o.custom, o.deleted_at, o.tenant_id);
    END IF;
    RETURN NULL;
END
$$;

-- A company renamed (or its domain changed) changes what its contacts carry (company_name, company_domain).
CREATE FUNCTION crm_sync.capture_company_changes() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM crm_sync.mark_captured(array_agg(c.id), array_agg(c.tenant_id))
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    JOIN penguinmails.contacts c ON c.company_id = n.id AND c.deleted_at IS NULL
    WHERE (n.name, n.domain) IS DISTINCT FROM (o.name, o.domain);
    RETURN NULL;
END
$$;

-- Installs the capture triggers that are missing; returns how many it created. Idempotent and cheap when they are
-- all there (a catalog look-up, no lock on the tables).
CREATE FUNCTION crm_sync.install_change_capture() RETURNS integer
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
              || 'FOR EACH STATEMENT EXECUTE FUNCTION crm_sync.capture_company_changes()']];
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
                    USING HINT = 'GRANT TRIGGER ON penguinmails.contacts, penguinmails.companies TO ' || current_user
                        || ', or run SELECT crm_sync.install_change_capture() as their owner';
            END;
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END
$$;

SELECT crm_sync.install_change_capture();
