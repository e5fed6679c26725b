package com.penguinmails.crmsync.sandbox.salesforce.auth;

/**
 * Admits an API call: the access token must be valid now, then the call takes one request from the daily
 * allocation. SOAP and REST each word the refusal their own way.
 */
public final class ApiGate {

    /** Why a call is refused, or that it is admitted. */
    public enum Decision { ADMITTED, UNKNOWN_SESSION, EXPIRED_SESSION, LIMIT_EXCEEDED }

    private final TokenRegistry tokens;
    private final ApiAllocation allocation;
    private final Runnable onLimitExceeded;

    public ApiGate(TokenRegistry tokens, ApiAllocation allocation, Runnable onLimitExceeded) {
        this.tokens = tokens;
        this.allocation = allocation;
        this.onLimitExceeded = onLimitExceeded;
    }

    public Decision admit(String accessToken) {
        switch (tokens.check(accessToken)) {
            case UNKNOWN -> {
                return Decision.UNKNOWN_SESSION;
            }
            case EXPIRED -> {
                return Decision.EXPIRED_SESSION;
            }
            default -> {
                if (!allocation.tryConsume()) {
                    onLimitExceeded.run();
                    return Decision.LIMIT_EXCEEDED;
                }
                return Decision.ADMITTED;
            }
        }
    }

    public ApiAllocation allocation() {
        return allocation;
    }
}
