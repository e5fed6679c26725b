/**
 * The Salesforce sandbox: {@link com.penguinmails.crmsync.sandbox.salesforce.SalesforceSandbox} serves OAuth 2.0, the
 * SOAP Partner API (up to 64.0), REST {@code limits} and replication resources, and Bulk API 2.0 over an in-memory
 * org. Daily API request allocation per plan: FREE = 15,000 (Developer Edition), PRO = 100,000 (an Enterprise org's
 * base allocation), ENTERPRISE = 1,000,000 (a large Enterprise or Unlimited org); counted over a rolling 24 hours on
 * the sandbox clock, refused with REQUEST_LIMIT_EXCEEDED (REST 403, SOAP fault).
 */
@NullMarked
package com.penguinmails.crmsync.sandbox.salesforce;

import org.jspecify.annotations.NullMarked;
