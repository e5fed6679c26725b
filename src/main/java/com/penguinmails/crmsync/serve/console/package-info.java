/**
 * The tenant admin's web console at {@code /console}, served by {@code crm-sync serve}: server-rendered Thymeleaf
 * pages (templates under {@code templates/console/}, one stylesheet and the chart's script under
 * {@code static/console/assets/}, served at {@code /console/assets/**} by Spring Boot's default static location) for
 * the same bearer JWT as the API, kept in the HttpOnly cookie {@code crmsync_token} that the sign-in page sets. Pages:
 * the caller's connections with their health, a connection's sync-health page (errors by reason with retry and
 * ignore, API usage, OAuth health, a 24-hour chart of records and lag with the same numbers as a table), and the audit
 * log. It connects CRMs (hosted OAuth through {@code serve/oauth/HostedAuthorization}, API tokens through
 * {@code serve/api/connect/ConnectWithToken}; the callback's outcome as a banner when {@code crmsync.oauth.settings-url}
 * is the console), reconnects, syncs now and pauses, activates or disconnects through the lifecycle's services
 * ({@code serve/api/lifecycle}), each change behind a confirmation page. Everything but the chart works with JavaScript off: actions are plain forms (with Spring Security's CSRF token)
 * that redirect back with the outcome in the URL. It reads {@code monitor/SyncHealth} and acts through
 * {@code monitor/SyncErrorActions}; another tenant's connection is a 404 page ({@code serve/api/ApiConnections}).
 */
@NullMarked
package com.penguinmails.crmsync.serve.console;

import org.jspecify.annotations.NullMarked;
