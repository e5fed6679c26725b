/**
 * Contract tests of the Salesforce sandbox: the official force-partner-api client, OAuth, REST, Bulk API 2.0 and
 * SOQL, driven over HTTP with {@code java.net.http.HttpClient} or the vendor's own client, never the connectors.
 */
@NullMarked
package com.penguinmails.crmsync.sandbox.salesforce;

import org.jspecify.annotations.NullMarked;
