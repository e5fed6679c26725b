-- After every migration: the PenguinMails change capture triggers exist (crm_sync.install_change_capture() from V7
-- creates any that are missing, e.g. where the platform owns and recreated its tables). A catalog look-up when they
-- are all there.
SELECT crm_sync.install_change_capture();
