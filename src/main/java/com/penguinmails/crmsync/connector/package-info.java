/**
 * The CRM connectors: one package per CRM implementing {@link com.penguinmails.crmsync.core.CrmConnector}, vendor types
 * hidden in its {@code internal} package, and {@code support} for what they share (token lifecycle, rate-limit
 * governor, retries). A connector never imports another connector, a job, the store or a sandbox.
 *
 * <p>The provider SPI. Everything CRM-specific is answered by the CRM's
 * {@link com.penguinmails.crmsync.connector.support.CrmConnectorProvider}, one Spring bean in its package, which is
 * the CRM's whole registration:
 * <ul>
 *   <li>what it is, {@link com.penguinmails.crmsync.core.CrmDescription} (in {@code core}, so jobs, CLI, credentials,
 *       store and mapping read it without depending on connectors): its {@code KIND} constant (the id stored in
 *       {@code crm_sync.connections.crm}), display name, person and company objects, its own connection settings
 *       with their help, auth modes and the settings each needs, default chunk sizes;</li>
 *   <li>how to talk to it: its OAuth endpoint and what a token answer says beyond OAuth
 *       ({@link com.penguinmails.crmsync.connector.support.TokenAnswer}: instance URL, account), the account an
 *       API token or a grant opens, rate limits, and the connector itself (write concurrency and consent handling
 *       live in its settings and connector).</li>
 * </ul>
 * Everyone asks {@link com.penguinmails.crmsync.core.CrmProviders} (built from every provider bean by
 * {@link com.penguinmails.crmsync.connector.support.CrmProviderRegistration}) or
 * {@link com.penguinmails.crmsync.connector.support.Connectors}; nothing switches on a CRM. Its default field map
 * is {@code jobs/mappings/<id>.yml} (with the fields it derives from others under {@code derived:}). See the README's
 * "Adding a CRM".
 */
@NullMarked
package com.penguinmails.crmsync.connector;

import org.jspecify.annotations.NullMarked;
