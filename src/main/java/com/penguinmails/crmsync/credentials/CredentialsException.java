package com.penguinmails.crmsync.credentials;

/** Credentials cannot be sealed or opened: a missing or wrong keyset, or a ciphertext that is not this connection's. */
public class CredentialsException extends RuntimeException {

    public CredentialsException(String message) {
        super(message);
    }

    public CredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
