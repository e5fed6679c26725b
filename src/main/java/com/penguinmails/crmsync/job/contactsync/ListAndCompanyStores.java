package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.store.CompanySyncStore;
import com.penguinmails.crmsync.store.ListMembershipStore;

/** The stores the inbound step keeps companies and the tenant's lists with, beside the contact stores. */
record ListAndCompanyStores(ListMembershipStore lists, CompanySyncStore companies) {
}
