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
 * with their health, state, last and next sync, open errors and warnings, and API usage.
 */
@Controller
@ConditionalOnServe
class ConsoleConnectionsController {

    private final SyncHealth health;

    ConsoleConnectionsController(SyncHealth health) {
        this.health = health;
    }

    @GetMapping({"/console", "/console/"})
    String connections(ApiCaller caller, @RequestParam(required = false) @Nullable String tenant, Model model) {
        model.addAttribute("caller", caller);
        model.addAttribute("tenant", tenant == null ? "" : tenant.strip());
        model.addAttribute("connections", health.connections(caller.tenantsFor(tenant)));
        return "console/connections";
    }
}
