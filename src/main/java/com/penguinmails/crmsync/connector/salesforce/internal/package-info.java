/**
 * Salesforce wire handling behind the connector: the partner SOAP client and its fault mapping, the REST client for
 * Bulk API 2.0, CSV in and out (opencsv), the change cursor, and conversions between partner {@code SObject}s and
 * {@link com.penguinmails.crmsync.core.CrmRecord}s. Nothing here is used outside the Salesforce connector.
 */
@NullMarked
package com.penguinmails.crmsync.connector.salesforce.internal;

import org.jspecify.annotations.NullMarked;
