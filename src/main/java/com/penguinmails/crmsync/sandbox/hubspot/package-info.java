/**
 * A faithful local HubSpot: OAuth v1 and private-app tokens, CRM v3 objects (basic, batch, search, merge,
 * GDPR delete), properties, v4 associations and communication preferences, with HubSpot's limits, rate-limit headers
 * and error bodies, all in memory on a loopback port; and its app's webhooks, posted signed (v3) to a target URL in
 * shuffled batches, sometimes twice, retried with backoff ({@code WebhookDeliverer}). Only
 * {@link com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox}, {@link com.penguinmails.crmsync.sandbox.hubspot.HubSpotSettings}
 * and {@link com.penguinmails.crmsync.sandbox.hubspot.HubSpotWebhookSettings} are public.
 */
@NullMarked
package com.penguinmails.crmsync.sandbox.hubspot;

import org.jspecify.annotations.NullMarked;
