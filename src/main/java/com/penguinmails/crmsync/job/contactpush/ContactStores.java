package com.penguinmails.crmsync.job.contactpush;

import com.penguinmails.crmsync.store.ContactChangeStore;
import com.penguinmails.crmsync.store.ContactSyncStore;
import com.penguinmails.crmsync.store.RecordLinkStore;
import com.penguinmails.crmsync.store.SyncAuditStore;
import com.penguinmails.crmsync.store.SyncErrorStore;

/** The stores a contact writer keeps contacts, their links, dead letters, audit and change marks with. */
public record ContactStores(RecordLinkStore links, ContactSyncStore contacts, SyncErrorStore errors,
                            SyncAuditStore audit, ContactChangeStore changes) {
}
