package com.penguinmails.crmsync.sandbox.salesforce.rest;

import com.penguinmails.crmsync.sandbox.salesforce.model.ChangeOrigin;
import com.penguinmails.crmsync.sandbox.salesforce.auth.ApiGate;
import com.penguinmails.crmsync.sandbox.support.SandboxHandler;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps REST handlers: the URL's {@code vXX.X} must be a served version (404 otherwise), the Bearer token must be
 * valid (401 INVALID_SESSION_ID), the call takes one request from the daily allocation (403 REQUEST_LIMIT_EXCEEDED),
 * and every response carries {@code Sforce-Limit-Info: api-usage=used/limit}.
 */
public final class RestAccess {

    /** The newest REST API version served. */
    public static final int MAX_VERSION = 64;
    private static final Pattern VERSION = Pattern.compile("v(\\d{2})\\.0");

    private final ApiGate gate;

    public RestAccess(ApiGate gate) {
        this.gate = gate;
    }

    /** {@code handler} behind version, session and allocation checks; {@code minVersion} per resource. */
    public SandboxHandler guarded(int minVersion, SandboxHandler handler) {
        return request -> {
            Matcher m = VERSION.matcher(request.pathParam("version"));
            SandboxResponse response;
            if (!m.matches() || Integer.parseInt(m.group(1)) < minVersion
                    || Integer.parseInt(m.group(1)) > MAX_VERSION) {
                response = RestErrors.error(404, "NOT_FOUND", "The requested resource does not exist");
            } else {
                String authorization = request.header("authorization").orElse("");
                String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? authorization.substring(7).trim() : authorization.regionMatches(true, 0, "OAuth ", 0, 6)
                        ? authorization.substring(6).trim() : "";
                response = switch (gate.admit(token)) {
                    case UNKNOWN_SESSION, EXPIRED_SESSION -> RestErrors.error(401, "INVALID_SESSION_ID",
                            "Session expired or invalid").withHeader("WWW-Authenticate", "Token");
                    case LIMIT_EXCEEDED -> RestErrors.error(403, "REQUEST_LIMIT_EXCEEDED",
                            "TotalRequests Limit exceeded.");
                    case ADMITTED -> ChangeOrigin.ofCallOptions("rest", m.group(1) + ".0",
                            request.header("sforce-call-options").orElse(null)).call(() -> handler.handle(request));
                };
            }
            return response.withHeader("Sforce-Limit-Info", "api-usage=" + gate.allocation().used() + "/"
                    + gate.allocation().limit());
        };
    }
}
