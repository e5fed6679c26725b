package com.penguinmails.crmsync.connector.support;

/**
 * A webhook delivery the service refuses, with the HTTP status it answers: 401 not authentic (bad or missing
 * signature or Basic auth, a stale or replayed timestamp), 400 malformed, 404 no such connection. The message names
 * the header, field or connection at fault, never a secret or personal data.
 */
public class WebhookRefusedException extends RuntimeException {

    private final int status;

    public WebhookRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
