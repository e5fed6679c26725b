/**
 * Salesforce Change Data Capture over the Pub/Sub API (gRPC, stubs generated from {@code src/main/proto}): one
 * Subscribe stream per connection on {@code /data/ChangeEvents} (setting {@code cdcChannel}), Avro payloads decoded
 * with the schema fetched by id and cached, events turned into {@link com.penguinmails.crmsync.core.CrmChangeNotice}s
 * for Contact, Lead and Account. Vendor types (protobuf stubs, Avro records) stay in this package.
 *
 * <p>Vendor facts the code relies on: replay ids are opaque bytes, stored and never computed; {@code num_requested}
 * above 100 counts as 100 and further requests add up; a stored replay id older than the 72-hour retention (or from
 * another org) ends the stream INVALID_ARGUMENT with trailer {@code error-code} ending in
 * {@code replayid.validation.failed}; a merge arrives as DELETE of the losers and UPDATE of the master; GAP_* events
 * carry ids only, GAP_OVERFLOW not even those; {@code changeOrigin} ends with {@code ;client=<id>} only for writes
 * that sent {@code Sforce-Call-Options} / SOAP {@code CallOptions}, which is how our own writes are recognised.
 */
@NullMarked
package com.penguinmails.crmsync.connector.salesforce.cdc;

import org.jspecify.annotations.NullMarked;
