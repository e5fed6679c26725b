package com.penguinmails.crmsync.sandbox.hubspot;

/**
 * Who made an authenticated request: a private app (static token, the plan's burst limit) or a public OAuth app
 * (HubSpot's 110 requests per 10 seconds per account). {@code appKey} keys the ten-second window.
 */
record Caller(String appKey, boolean oauthApp) {
}
