/**
 * The CRMs' webhook deliveries in: one controller ({@code POST /webhooks/<crm>} and
 * {@code POST /webhooks/<crm>/<connection>}) that hands the raw delivery to the CRM's
 * {@link com.penguinmails.crmsync.connector.support.CrmWebhooks}, stores the notices before answering, and answers
 * every refusal with an RFC 9457 problem body. No event body is ever logged.
 */
@NullMarked
package com.penguinmails.crmsync.serve.webhook;

import org.jspecify.annotations.NullMarked;
