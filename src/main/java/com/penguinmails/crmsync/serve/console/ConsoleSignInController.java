package com.penguinmails.crmsync.serve.console;

import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiCaller;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import com.penguinmails.crmsync.serve.api.ApiProperties;
import com.penguinmails.crmsync.serve.api.ApiSecurityConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signing in and out of the console: {@code /console/login} takes a JWT pasted in its form (or linked as
 * {@code ?token=...} by PenguinMails' frontend, so the token leaves the URL at once), checks it exactly as the API
 * does, keeps it in the console's cookie and redirects to {@code /console}; a refused token shows the form again with
 * the reason. {@code /console/logout} clears the cookie.
 */
@Controller
@ConditionalOnServe
class ConsoleSignInController {

    private final JwtDecoder decoder;
    private final ApiProperties properties;
    private final Clock clock;

    ConsoleSignInController(JwtDecoder decoder, ApiProperties properties) {
        this.decoder = decoder;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @GetMapping(ApiSecurityConfiguration.CONSOLE_LOGIN)
    String form(@RequestParam(required = false) @Nullable String token, HttpServletRequest request,
                HttpServletResponse response, Model model) {
        return token == null ? "console/login" : signIn(token, request, response, model);
    }

    @PostMapping(ApiSecurityConfiguration.CONSOLE_LOGIN)
    String signIn(@RequestParam(defaultValue = "") String token, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        String refusal;
        try {
            Jwt jwt = decoder.decode(token.strip());
            ApiCaller.of(jwt, properties);
            ConsoleCookie.set(request, response, jwt.getTokenValue(), jwt.getExpiresAt(), clock.instant());
            return "redirect:/console";
        } catch (JwtValidationException e) {
            refusal = e.getErrors().stream().anyMatch(error -> String.valueOf(error.getDescription())
                    .contains("expired")) ? "That token has expired: sign in again from PenguinMails for a new one."
                    : "That token was refused: it is not valid for this service (" + e.getErrors().size()
                    + " check(s) failed).";
        } catch (JwtException e) {
            refusal = token.isBlank() ? "Paste your access token to sign in."
                    : "That token was refused: it is malformed, expired, or not signed by a key this service trusts.";
        } catch (ApiProblem.Forbidden e) {
            refusal = "That token names no tenant and is not an operator's, so it opens nothing here.";
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        model.addAttribute("refusal", refusal);
        return "console/login";
    }

    @PostMapping("/console/logout")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        ConsoleCookie.clear(request, response);
        return "redirect:" + ApiSecurityConfiguration.CONSOLE_LOGIN + "?signedOut";
    }
}
