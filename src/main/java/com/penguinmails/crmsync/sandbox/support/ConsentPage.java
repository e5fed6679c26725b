package com.penguinmails.crmsync.sandbox.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The consent step of a sandbox's OAuth authorize endpoint, as a browser meets it. A request with
 * {@code prompt=consent} gets an HTML page with two links, {@code Allow} and {@code Deny} (the same request with
 * {@code consent=approve} or {@code consent=deny}); denying redirects to the {@code redirect_uri} with
 * {@code error=access_denied} and the {@code state} echoed. Without {@code prompt=consent} the sandbox user has
 * approved the app before and the code is issued at once, as the vendors skip the page for an app already approved
 * (what the CLI's loopback tests rely on).
 */
public final class ConsentPage {

    private ConsentPage() {
    }

    /**
     * What the authorize endpoint answers before it issues a code: the page, the denial redirect, or empty when the
     * user approved (now or before).
     */
    public static Optional<SandboxResponse> before(SandboxRequest request, String redirectUri, String appName) {
        return before(request, redirectUri, appName, false);
    }

    /**
     * As {@link #before(SandboxRequest, String, String)}; with {@code promptAlways} the page is shown even without
     * {@code prompt=consent} (the user has not approved the app yet).
     */
    public static Optional<SandboxResponse> before(SandboxRequest request, String redirectUri, String appName,
                                                   boolean promptAlways) {
        String consent = request.queryParam("consent").orElse("");
        if (consent.equals("deny")) {
            String location = redirectUri + (redirectUri.contains("?") ? '&' : '?')
                    + "error=access_denied&error_description=" + encode("end-user denied authorization")
                    + request.queryParam("state").map(s -> "&state=" + encode(s)).orElse("");
            return Optional.of(SandboxResponse.empty(302).withHeader("Location", location));
        }
        if (consent.equals("approve")
                || !promptAlways && !request.queryParam("prompt").filter("consent"::equals).isPresent()) {
            return Optional.empty();
        }
        String query = request.query().entrySet().stream()
                .filter(e -> !e.getKey().equals("prompt") && !e.getKey().equals("consent"))
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
        String base = request.path() + "?" + query + (query.isEmpty() ? "" : "&") + "consent=";
        String page = "<!DOCTYPE html><html><head><title>Allow access?</title></head><body>"
                + "<h1>Allow " + html(appName) + " to access your account?</h1>"
                + "<p>Scopes: " + html(String.join(" ", request.queryParams("scope"))) + "</p>"
                + "<a id=\"approve\" href=\"" + html(base + "approve") + "\">Allow</a> "
                + "<a id=\"deny\" href=\"" + html(base + "deny") + "\">Deny</a></body></html>";
        return Optional.of(SandboxResponse.text(200, "text/html;charset=UTF-8", page));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

}
