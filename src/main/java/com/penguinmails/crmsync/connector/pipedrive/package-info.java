/**
 * The Pipedrive connector: persons, organizations and deals over Pipedrive's API v2 (API token or OAuth), an
 * {@code updated_since} change feed, one-call-per-record idempotent writes by a "PenguinMails Id" custom field,
 * activities idempotent by a marker in their note, and custom fields addressed by name; vendor JSON stays in
 * {@code internal}. Real time: {@code PipedriveWebhooks} turns webhooks v2 (Basic auth, one address per connection)
 * into change notices, and {@code PipedriveWebhookSubscriptions} keeps a connection's webhooks registered through
 * the v1-only {@code /api/v1/webhooks}.
 */
@NullMarked
package com.penguinmails.crmsync.connector.pipedrive;

import org.jspecify.annotations.NullMarked;
