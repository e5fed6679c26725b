/**
 * The Salesforce sandbox's org: object and field definitions (Contact, Lead, Account, Task), 18-character ids, the in-memory record store with its recycle bin, merges, write validation, replication windows and seed data.
 */
@NullMarked
package com.penguinmails.crmsync.sandbox.salesforce.model;

import org.jspecify.annotations.NullMarked;
