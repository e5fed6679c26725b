package com.penguinmails.crmsync.sandbox.pipedrive.internal;

/**
 * Who made an API request: the rate-limit key (the API token, or the OAuth grant so that a refreshed access token
 * shares its predecessor's window), whether it came through OAuth, and the user it acts as.
 */
public record Caller(String limitKey, boolean oauth, long userId) {
}
