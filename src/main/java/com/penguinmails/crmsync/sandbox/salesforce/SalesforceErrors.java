package com.penguinmails.crmsync.sandbox.salesforce;

import com.penguinmails.crmsync.sandbox.salesforce.rest.RestErrors;
import com.penguinmails.crmsync.sandbox.salesforce.soap.SoapFault;
import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import com.penguinmails.crmsync.sandbox.support.VendorErrors;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How Salesforce words the shared server's errors: SOAP faults on {@code /services/Soap}, OAuth JSON on
 * {@code /services/oauth2}, REST {@code [{message, errorCode}]} arrays elsewhere. Salesforce has no 429: an injected
 * rate-limit fault is the concurrent-request limit, REQUEST_LIMIT_EXCEEDED (REST 403).
 */
final class SalesforceErrors implements VendorErrors {

    @Override
    public SandboxResponse notFound(SandboxRequest request) {
        if (request.path().startsWith("/services/Soap/")) {
            return SoapFault.client("No service available at " + request.path()).toResponse();
        }
        return RestErrors.error(404, "NOT_FOUND", "The requested resource does not exist");
    }

    @Override
    public SandboxResponse serverError(SandboxRequest request) {
        String message = "An unexpected error occurred. Please include this ErrorId if you contact support: "
                + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999) + "-" + ThreadLocalRandom.current()
                .nextInt(10_000, 99_999) + " (-" + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999) + ")";
        if (request.path().startsWith("/services/Soap/")) {
            return SoapFault.unexpected("UNKNOWN_EXCEPTION", message).toResponse();
        }
        if (request.path().startsWith("/services/oauth2/")) {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("error", "unknown_error");
            body.put("error_description", "retry your request");
            return SandboxResponse.json(500, body);
        }
        return RestErrors.error(500, "UNKNOWN_EXCEPTION", message);
    }

    @Override
    public SandboxResponse rateLimited(SandboxRequest request, Duration retryAfter) {
        String message = "ConcurrentPerOrgLongTxn Limit exceeded.";
        if (request.path().startsWith("/services/Soap/")) {
            return SoapFault.unexpected("REQUEST_LIMIT_EXCEEDED", message).toResponse();
        }
        return RestErrors.error(403, "REQUEST_LIMIT_EXCEEDED", message);
    }
}
