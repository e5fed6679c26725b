package com.penguinmails.crmsync.serve.console;

import com.penguinmails.crmsync.serve.api.ApiSecurityConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The console's cookie holding the caller's JWT ({@value ApiSecurityConfiguration#CONSOLE_COOKIE}): HttpOnly,
 * SameSite=Strict, Path=/console, Secure when the request came over HTTPS, and living as long as the token does.
 */
final class ConsoleCookie {

    private static final String PATH = "/console";

    private ConsoleCookie() {
    }

    /** Sets the cookie to {@code token}, expiring when the token does ({@code expiresAt}; a session cookie if none). */
    static void set(HttpServletRequest request, HttpServletResponse response, String token,
                    @Nullable Instant expiresAt, Instant now) {
        ResponseCookie.ResponseCookieBuilder cookie = builder(request, token);
        if (expiresAt != null) {
            cookie.maxAge(Duration.between(now, expiresAt).isNegative() ? Duration.ZERO
                    : Duration.between(now, expiresAt));
        }
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.build().toString());
    }

    /** Clears the cookie. */
    static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, builder(request, "").maxAge(Duration.ZERO).build().toString());
    }

    private static ResponseCookie.ResponseCookieBuilder builder(HttpServletRequest request, String value) {
        return ResponseCookie.from(ApiSecurityConfiguration.CONSOLE_COOKIE, value)
                .httpOnly(true)
                .sameSite("Strict")
                .secure(request.isSecure())
                .path(request.getContextPath() + PATH);
    }
}
