package com.penguinmails.crmsync.sandbox.salesforce.auth;

/**
 * The sandbox org and its one connected app: the credentials an OAuth client presents and the ids tokens carry.
 *
 * @param orgId  18-character organization id (00D...)
 * @param userId 18-character id of the integration user (005...)
 */
public record ConnectedApp(String clientId, String clientSecret, String orgId, String userId, String username) {
}
