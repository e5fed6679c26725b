package com.penguinmails.crmsync.connector.support;

import java.time.Duration;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Runs one CRM API call for a connection the way every connector must: through the governor (rate, pauses, quota),
 * with a valid access token, refreshing it once when the CRM rejects it, and retrying transient failures (5xx,
 * timeouts, dropped connections, 429 after its Retry-After) with exponential backoff and jitter, a bounded number of
 * times (Spring's {@link RetryTemplate}). When retries run out, the connection is reported unavailable.
 */
public final class ApiExecutor {

    /** One API call made with an access token; throws {@link CrmApiException}s for failures of the whole call. */
    @FunctionalInterface
    public interface Call<T> {
        T execute(String accessToken) throws Exception;
    }

    private final String connectionName;
    private final ApiGovernor governor;
    private final AccessTokens tokens;
    private final RetryTemplate retry;

    public ApiExecutor(String connectionName, ApiGovernor governor, AccessTokens tokens, RetryPolicy retryPolicy) {
        this.connectionName = connectionName;
        this.governor = governor;
        this.tokens = tokens;
        this.retry = new RetryTemplate(retryPolicy);
    }

    /** The default: 6 retries, 500 ms doubling up to 30 s, with 250 ms jitter; only transient failures. */
    public static RetryPolicy defaultRetryPolicy() {
        return RetryPolicy.builder()
                .maxRetries(6)
                .delay(Duration.ofMillis(500))
                .multiplier(2)
                .maxDelay(Duration.ofSeconds(30))
                .jitter(Duration.ofMillis(250))
                .includes(CrmApiException.Transient.class)
                .build();
    }

    public ApiGovernor governor() {
        return governor;
    }

    public AccessTokens tokens() {
        return tokens;
    }

    /**
     * Executes {@code call} costing {@code cost} units of the connection's quota.
     *
     * @param operation what the call does, for messages (e.g. {@code "contacts batch upsert"})
     */
    public <T> T execute(String operation, int cost, Call<T> call) {
        try {
            return retry.execute(() -> once(operation, cost, call));
        } catch (RetryException e) {
            Throwable last = e.getLastException();
            if (last instanceof CrmUnavailableException unavailable) {
                throw unavailable;
            }
            if (last instanceof CrmApiException.Transient) {
                throw new CrmUnavailableException(CrmUnavailableException.Reason.CRM_DOWN, connectionName + ": "
                        + operation + " failed " + (e.getRetryCount() + 1) + " times: " + last.getMessage(), last);
            }
            if (last instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CrmApiException(connectionName + ": " + operation + " failed: " + last.getMessage(), last);
        }
    }

    private <T> T once(String operation, int cost, Call<T> call) throws Exception {
        governor.acquire(cost);
        String token = tokens.current();
        try {
            return call.execute(token);
        } catch (CrmApiException.Unauthorized rejected) {
            String fresh = tokens.refreshAfterRejection(token);
            governor.acquire(cost);
            try {
                return call.execute(fresh);
            } catch (CrmApiException.Unauthorized again) {
                throw new CrmUnavailableException(CrmUnavailableException.Reason.AUTH_REVOKED, connectionName
                        + ": " + operation + " was refused even with a fresh token: " + again.getMessage());
            }
        } catch (CrmApiException.RateLimited limited) {
            governor.pauseFor(limited.retryAfter());
            throw limited;
        }
    }
}
