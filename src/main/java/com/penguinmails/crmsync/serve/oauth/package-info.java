/**
 * Connecting a CRM from PenguinMails settings by hosted OAuth 2.0 ({@code crm-sync serve}): {@link
 * com.penguinmails.crmsync.serve.oauth.HostedAuthorization} starts an authorisation (the CRM's consent URL with PKCE
 * S256 and a single-use state bound to tenant, actor, CRM and, for a reconnect, the connection, kept hashed in
 * {@code crm_sync.oauth_states}); {@code GET /oauth/callback/{crm}} completes it and redirects the browser back to the
 * settings page with the outcome. Configured by {@code crmsync.oauth.*} ({@link
 * com.penguinmails.crmsync.serve.oauth.OAuthProperties}).
 */
@NullMarked
package com.penguinmails.crmsync.serve.oauth;

import org.jspecify.annotations.NullMarked;
