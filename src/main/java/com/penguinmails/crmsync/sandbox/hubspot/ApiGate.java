package com.penguinmails.crmsync.sandbox.hubspot;

import com.penguinmails.crmsync.sandbox.support.SandboxHandler;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import com.penguinmails.crmsync.sandbox.support.SandboxStats;

/**
 * What every CRM request passes before its handler: the bearer token (401 otherwise), then the rate limits (429,
 * counted in the server's statistics); the handler runs with the caller's {@link ChangeOrigin} bound; afterwards the rate-limit headers are added, and an {@link ApiError} thrown
 * by the handler becomes HubSpot's error body.
 */
final class ApiGate {

    private final TokenStore tokens;
    private final RateLimits limits;
    private final SandboxStats stats;

    ApiGate(TokenStore tokens, RateLimits limits, SandboxStats stats) {
        this.tokens = tokens;
        this.limits = limits;
        this.stats = stats;
    }

    SandboxHandler standard(SandboxHandler handler) {
        return guarded(handler, false);
    }

    SandboxHandler search(SandboxHandler handler) {
        return guarded(handler, true);
    }

    private SandboxHandler guarded(SandboxHandler handler, boolean search) {
        return request -> {
            Caller caller;
            try {
                caller = tokens.authenticate(request);
            } catch (ApiError e) {
                return HubSpotErrors.response(e);
            }
            RateLimits.Admission admission = search ? limits.admitSearch() : limits.admit(caller);
            if (admission.rejection().isPresent()) {
                stats.rateLimited();
                return admission.decorate(admission.rejection().get());
            }
            SandboxResponse response;
            try {
                response = ChangeOrigin.of(caller).during(() -> handler.handle(request));
            } catch (ApiError e) {
                response = HubSpotErrors.response(e);
            }
            return admission.decorate(response);
        };
    }
}
