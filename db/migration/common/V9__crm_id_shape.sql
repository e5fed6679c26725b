-- Which CRMs exist is the application's knowledge, not the schema's: each CRM's provider registers it (issue 11), and
-- connections are only made through that registry. The column keeps a CRM id's shape (CrmKind: lowercase letters
-- and digits, starting with a letter) instead of a list that every new CRM would have to change, and that a build
-- without one of the listed providers could not migrate past.
ALTER TABLE crm_sync.connections DROP CONSTRAINT connections_crm_check;
ALTER TABLE crm_sync.connections ADD CONSTRAINT connections_crm_id_shape CHECK (crm ~ '^[a-z][a-z0-9]*$');
