/**
 * What every connector shares: access tokens (static, or OAuth 2.0 refreshed before expiry and after a rejection,
 * rotation committed on its own the moment the CRM answers, concurrent refreshes collapsed), which CRM account new
 * credentials open ({@link com.penguinmails.crmsync.connector.support.CrmAccounts}), the per-connection API governor
 * (per-window rate, Retry-After pauses, a share of the daily quota), bounded retries with backoff and jitter, and the
 * typed failures jobs act on; and the real-time SPI of a CRM: receiving its webhooks ({@code CrmWebhooks}) and, where
 * a CRM needs them per connection, subscribing to them ({@code CrmWebhookSubscriptions}).
 */
@NullMarked
package com.penguinmails.crmsync.connector.support;

import org.jspecify.annotations.NullMarked;
