/**
 * OAuth 2.0 for the Salesforce sandbox (authorization code and refresh token grants with rotation, access tokens that expire on the sandbox clock) and the org's rolling 24-hour API request allocation.
 */
@NullMarked
package com.penguinmails.crmsync.sandbox.salesforce.auth;

import org.jspecify.annotations.NullMarked;
