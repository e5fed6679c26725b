/**
 * The CRM connectors: one package per CRM implementing {@link com.penguinmails.crmsync.core.CrmConnector}, vendor types
 * hidden in its {@code internal} package, and {@code support} for what they share (token lifecycle, rate-limit
 * governor, retries). A connector never imports another connector, a job, the store or a sandbox.
 */
@NullMarked
package com.penguinmails.crmsync.connector;

import org.jspecify.annotations.NullMarked;
