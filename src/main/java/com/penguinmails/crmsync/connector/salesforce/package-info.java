/**
 * The Salesforce connector: {@link com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider} opens a
 * {@link com.penguinmails.crmsync.core.CrmConnector} that reads changes with the SOAP Partner API (SOQL on
 * {@code SystemModstamp}, getDeleted, merges through queryAll) or a Bulk API 2.0 query job, writes 200 records per
 * SOAP call or through Bulk API 2.0 ingest jobs, and logs e-mails as Tasks upserted by their PenguinMails key. Vendor
 * types stay in {@code internal}.
 */
@NullMarked
package com.penguinmails.crmsync.connector.salesforce;

import org.jspecify.annotations.NullMarked;
