/**
 * Bulk API 2.0: ingest jobs (insert, update, upsert, delete with CSV uploads, state progression and result CSVs) and query jobs (CSV results paged with {@code Sforce-Locator}), CSV read and written with opencsv.
 */
@NullMarked
package com.penguinmails.crmsync.sandbox.salesforce.bulk;

import org.jspecify.annotations.NullMarked;
