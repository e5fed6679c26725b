package com.penguinmails.crmsync.serve.oauth;

import com.penguinmails.crmsync.serve.ConditionalOnServe;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /oauth/callback/{crm}} (open: the CRM sends the user's browser here): completes the hosted authorisation
 * and redirects (302) to the PenguinMails settings page with the outcome; 404 when no settings page is configured
 * (then no authorisation can have been started).
 */
@RestController
@ConditionalOnServe
@Tag(name = "OAuth callback", description = "Where the CRMs send the browser back after consent")
class OAuthCallbackController {

    private final AuthorizationCallback callback;

    OAuthCallbackController(AuthorizationCallback callback) {
        this.callback = callback;
    }

    @GetMapping("/oauth/callback/{crm}")
    @Operation(summary = "Completes a hosted OAuth authorisation and redirects to the settings page with the outcome")
    ResponseEntity<Void> callback(@PathVariable String crm, @RequestParam(required = false) @Nullable String code,
                                  @RequestParam(required = false) @Nullable String state,
                                  @RequestParam(required = false) @Nullable String error) {
        if (!callback.hasSettingsPage()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).header("Cache-Control", "no-store").build();
        }
        AuthorizationCallback.Completed completed = callback.complete(crm, code, error, state);
        return ResponseEntity.status(HttpStatus.FOUND).location(callback.settingsRedirect(crm, completed))
                .header("Cache-Control", "no-store").build();
    }
}
