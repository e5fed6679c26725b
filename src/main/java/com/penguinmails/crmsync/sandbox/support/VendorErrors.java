package com.penguinmails.crmsync.sandbox.support;

import java.time.Duration;

/** How a vendor words the errors the shared server produces: unknown routes, injected 5xx and 429 faults. */
public interface VendorErrors {

    SandboxResponse notFound(SandboxRequest request);

    SandboxResponse serverError(SandboxRequest request);

    SandboxResponse rateLimited(SandboxRequest request, Duration retryAfter);
}
