/**
 * The Salesforce sandbox's Pub/Sub API (gRPC, {@code eventbus.v1}) serving Change Data Capture: every write the
 * sandbox's REST, SOAP and Bulk APIs make on Contact, Lead and Account is published as an Avro change event with a
 * {@code ChangeEventHeader} on {@code /data/<Entity>ChangeEvent} and {@code /data/ChangeEvents}; replay ids, 72-hour
 * retention on the sandbox clock, {@code num_requested} flow control, session-token auth by call metadata, and GAP /
 * GAP_OVERFLOW events on demand ({@code POST /_sandbox/pubsub/events}).
 */
@NullMarked
package com.penguinmails.crmsync.sandbox.salesforce.pubsub;

import org.jspecify.annotations.NullMarked;
