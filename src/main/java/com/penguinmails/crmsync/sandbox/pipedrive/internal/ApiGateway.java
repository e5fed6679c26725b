package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import com.penguinmails.crmsync.sandbox.support.SandboxHandler;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import com.penguinmails.crmsync.sandbox.support.SandboxStats;
import java.util.Map;
import java.util.Optional;

/**
 * The door every API route goes through: authenticate (401), admit under the burst and daily limits (429 with
 * {@code retry-after}), run the handler, turn an {@link ApiError} into Pipedrive's error body, and put the rate-limit
 * headers on the answer.
 */
public final class ApiGateway {

    /** A route's handler, given who is calling. */
    @FunctionalInterface
    public interface Handler {
        SandboxResponse handle(SandboxRequest request, Caller caller);
    }

    private final Authenticator authenticator;
    private final RateLimits limits;
    private final SandboxStats stats;

    public ApiGateway(Authenticator authenticator, RateLimits limits, SandboxStats stats) {
        this.authenticator = authenticator;
        this.limits = limits;
        this.stats = stats;
    }

    public SandboxHandler guard(TokenCost cost, Handler handler) {
        return request -> {
            Optional<Caller> caller = authenticator.authenticate(request);
            if (caller.isEmpty()) {
                return PipedriveErrors.unauthorized();
            }
            RateLimits.Decision decision = limits.admit(caller.get(), cost);
            SandboxResponse response;
            if (decision.rejection().isPresent()) {
                stats.rateLimited();
                RateLimits.Rejection rejection = decision.rejection().get();
                response = PipedriveErrors.withErrorCode(429, rejection.message()).withHeader("retry-after",
                        Long.toString(Math.max(1, (rejection.retryAfter().toMillis() + 999) / 1000)));
            } else {
                try {
                    response = handler.handle(request, caller.get());
                } catch (ApiError e) {
                    response = e.toResponse();
                }
            }
            for (Map.Entry<String, String> header : decision.headers().entrySet()) {
                response = response.withHeader(header.getKey(), header.getValue());
            }
            return response;
        };
    }
}
