package com.penguinmails.crmsync.serve.webhook;

/**
 * A delivery the service refuses, as it answers it: the HTTP status, a short reason (the {@code reason} tag of the
 * refusal counter and the last segment of the problem type), a title and a detail naming the header, field or path
 * segment at fault, never a secret or personal data.
 */
final class WebhookProblem extends RuntimeException {

    private final int status;
    private final String reason;
    private final String crmTag;

    WebhookProblem(int status, String reason, String crmTag, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.reason = reason;
        this.crmTag = crmTag;
    }

    /** The reason a {@link com.penguinmails.crmsync.connector.support.WebhookRefusedException}'s status stands for. */
    static String reasonOf(int status) {
        return switch (status) {
            case 400 -> "malformed";
            case 401, 403 -> "unauthorized";
            case 404 -> "not_found";
            case 413 -> "too_large";
            case 429 -> "too_many";
            default -> "refused";
        };
    }

    int status() {
        return status;
    }

    String reason() {
        return reason;
    }

    String crmTag() {
        return crmTag;
    }
}
