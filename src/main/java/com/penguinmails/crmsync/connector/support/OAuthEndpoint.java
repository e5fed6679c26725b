package com.penguinmails.crmsync.connector.support;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how a CRM issues OAuth 2.0 tokens: its token endpoint, how the client authenticates (HTTP Basic, or
 * {@code client_id}/{@code client_secret} in the form), and the access-token lifetime to assume when the response
 * has no {@code expires_in} (Salesforce sends none; its session lasts 2 hours by default).
 */
public record OAuthEndpoint(URI tokenUri, ClientAuthentication clientAuthentication, Duration assumedLifetime) {

    /** How the client proves itself to the token endpoint. */
    public enum ClientAuthentication { BASIC, FORM }
}
