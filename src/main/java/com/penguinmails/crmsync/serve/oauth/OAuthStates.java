package com.penguinmails.crmsync.serve.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** What is stored of an OAuth {@code state}: its SHA-256 hash, so the table never holds a usable state. */
final class OAuthStates {

    /** The cipher scope the PKCE code verifiers are sealed in. */
    static final String VERIFIER_SCOPE = "crm_sync.oauth_states";

    private OAuthStates() {
    }

    static byte[] hash(String state) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
