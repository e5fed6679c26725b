/**
 * OAuth 2.0 for the Salesforce sandbox (authorization code and refresh token grants, refresh tokens rotated as by a
 * connected app with refresh token rotation on, or, switched off, kept valid and not answered again as by Salesforce's
 * default; access tokens that expire on the sandbox clock) and the org's rolling 24-hour API request allocation.
 */
@NullMarked
package com.penguinmails.crmsync.sandbox.salesforce.auth;

import org.jspecify.annotations.NullMarked;
