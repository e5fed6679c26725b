package com.penguinmails.crmsync.serve.oauth;

import java.util.Locale;

/** How a hosted authorisation ended, as the settings page is told ({@code outcome}) and the metric counts it. */
public enum OAuthOutcome {
    /** A new (or reattached) connection. */
    CONNECTED,
    /** A connection's credentials were replaced in place. */
    RECONNECTED,
    /** The user denied consent at the CRM. */
    DENIED,
    /** The state had expired ({@code crmsync.oauth.state-ttl}). */
    EXPIRED,
    /** Anything else: an unknown or used state, the CRM refused the code, another account on a reconnect. */
    FAILED;

    /** The query-parameter and tag value, e.g. {@code connected}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
