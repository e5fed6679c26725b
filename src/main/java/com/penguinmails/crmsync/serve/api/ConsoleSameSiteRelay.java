package com.penguinmails.crmsync.serve.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The console page a browser arriving from another site gets instead of the sign-in redirect: its SameSite=Strict
 * cookie is withheld on a navigation another site started (a link in PenguinMails, the CRM's consent page redirecting
 * through the OAuth callback to the console), so the page reloads itself once from this origin, which sends the
 * cookie. A browser that has none is then sent to sign in as usual (the reload is same-origin: no loop).
 */
final class ConsoleSameSiteRelay {

    private ConsoleSameSiteRelay() {
    }

    /** Whether {@code request} is a GET navigation another site started (the {@code Sec-Fetch-*} headers say so). */
    static boolean applies(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && "cross-site".equals(request.getHeader("Sec-Fetch-Site"))
                && "navigate".equals(request.getHeader("Sec-Fetch-Mode"));
    }

    /** Answers the page that reloads the same URL from this origin. */
    static void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String url = html(request.getRequestURI() + (request.getQueryString() == null ? ""
                : "?" + request.getQueryString()));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.getOutputStream().write(("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"refresh\" content=\"0;url=" + url + "\"><title>CRM Sync console</title></head>"
                + "<body><p><a id=\"continue\" href=\"" + url + "\">Continue to the console</a></p></body></html>")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
