package com.penguinmails.crmsync.connector.support;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how a CRM issues OAuth 2.0 tokens: its token endpoint, how the client authenticates (HTTP Basic, or
 * {@code client_id}/{@code client_secret} in the form), the access-token lifetime to assume when the response
 * has no {@code expires_in} (Salesforce sends none; its session lasts 2 hours by default), and how to read what its
 * answers say beyond OAuth 2.0.
 */
public record OAuthEndpoint(URI tokenUri, ClientAuthentication clientAuthentication, Duration assumedLifetime,
                            TokenAnswer answer) {

    /** An endpoint whose answers name no instance URL and no account. */
    public OAuthEndpoint(URI tokenUri, ClientAuthentication clientAuthentication, Duration assumedLifetime) {
        this(tokenUri, clientAuthentication, assumedLifetime, TokenAnswer.PLAIN);
    }

    /** How the client proves itself to the token endpoint. */
    public enum ClientAuthentication { BASIC, FORM }
}
