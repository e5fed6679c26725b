package com.penguinmails.crmsync.core;

/** How a connection proves itself to its CRM: OAuth 2.0 tokens (refreshed), or a static API token. */
public enum AuthMode {
    /** Client id, client secret and a refresh token (or a browser authorisation). */
    OAUTH,
    /** A static token the CRM issued (Pipedrive API token, HubSpot private-app token). */
    API_TOKEN;

    /** The mode a credential is: OAuth when {@code oauth}, else an API token. */
    public static AuthMode of(boolean oauth) {
        return oauth ? OAUTH : API_TOKEN;
    }
}
