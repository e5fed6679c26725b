/**
 * Webhook subscriptions the service makes per connection where a CRM needs them (Pipedrive): the Basic auth
 * credentials generated per connection and kept sealed ({@link
 * com.penguinmails.crmsync.serve.webhooksubscriptions.SealedWebhookCredentials}), and the reconciler that creates,
 * re-creates and removes the connections' webhooks through the CRM's API as connections are activated, disabled,
 * disconnected, or lose their webhooks to the CRM (deleted after days of failed deliveries, banned). CRMs whose
 * provider has no {@code webhookSubscriptions()} (HubSpot: one subscription for the whole app) are left alone.
 */
@NullMarked
package com.penguinmails.crmsync.serve.webhooksubscriptions;

import org.jspecify.annotations.NullMarked;
