package com.penguinmails.crmsync.serve.console;

import com.penguinmails.crmsync.monitor.SyncHealth;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiCaller;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /console}: the caller's connections (an operator's: every tenant's, or one tenant's with {@code ?tenant=})
 * with their health, state, last and next sync, open errors and warnings, and API usage; the "Connect a CRM" section
 * ({@link ConsoleConnectController}); and, when {@code crmsync.oauth.settings-url} is the console, the outcome of a
 * hosted OAuth authorisation the callback sends back ({@code ?outcome=connected&crm=hubspot&connection=7&message=...})
 * as a banner.
 */
@Controller
@ConditionalOnServe
class ConsoleConnectionsController {

    /** The outcome of a hosted OAuth authorisation as the callback sent it back. */
    record OAuthBanner(String outcome, @Nullable String crm, @Nullable Long connection, @Nullable String message) {

        /** Whether the CRM is now connected (a new connection, or one reconnected). */
        public boolean succeeded() {
            return outcome.equals("connected") || outcome.equals("reconnected");
        }
    }

    private final SyncHealth health;
    private final ConnectOptions options;

    ConsoleConnectionsController(SyncHealth health, ConnectOptions options) {
        this.health = health;
        this.options = options;
    }

    @GetMapping({"/console", "/console/"})
    String connections(ApiCaller caller, @RequestParam(required = false) @Nullable String tenant,
                       @RequestParam(required = false) @Nullable String outcome,
                       @RequestParam(required = false) @Nullable String crm,
                       @RequestParam(required = false) @Nullable Long connection,
                       @RequestParam(required = false) @Nullable String message, Model model) {
        model.addAttribute("oauth", outcome == null ? null : new OAuthBanner(outcome, crm, connection, message));
        model.addAttribute("caller", caller);
        model.addAttribute("tenant", tenant == null ? "" : tenant.strip());
        model.addAttribute("connections", health.connections(caller.tenantsFor(tenant)));
        model.addAttribute("connectOptions", options.all());
        return "console/connections";
    }
}
