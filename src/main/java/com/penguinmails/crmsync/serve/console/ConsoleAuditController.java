package com.penguinmails.crmsync.serve.console;

import com.penguinmails.crmsync.monitor.SyncHealth;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiCaller;
import com.penguinmails.crmsync.serve.api.ApiConnections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /console/audit}: the activity log of the caller's tenants, newest first, {@value #PAGE_SIZE} rows a page,
 * filtered by connection ({@code ?connection=}, which the caller must see) and action ({@code ?action=}, a prefix such
 * as {@code connection.} or {@code sync-errors.}).
 */
@Controller
@ConditionalOnServe
class ConsoleAuditController {

    static final int PAGE_SIZE = 50;

    private final ApiConnections connections;
    private final SyncHealth health;

    ConsoleAuditController(ApiConnections connections, SyncHealth health) {
        this.connections = connections;
        this.health = health;
    }

    @GetMapping("/console/audit")
    String audit(ApiCaller caller, @RequestParam(required = false) @Nullable Long connection,
                 @RequestParam(required = false) @Nullable String action,
                 @RequestParam(required = false) @Nullable String tenant,
                 @RequestParam(defaultValue = "0") int page, Model model) {
        if (connection != null) {
            connections.visible(caller, connection);
        }
        List<String> tenants = caller.tenantsFor(tenant);
        String prefix = action == null || action.isBlank() ? null : action.strip();
        SyncHealth.AuditPage entries = health.audit(new SyncHealth.AuditQuery(tenants, connection, prefix, null, null,
                null, Math.max(0, page), PAGE_SIZE));
        model.addAttribute("caller", caller);
        model.addAttribute("connection", connection);
        model.addAttribute("action", prefix == null ? "" : prefix);
        model.addAttribute("tenant", tenant == null ? "" : tenant.strip());
        model.addAttribute("audit", entries);
        model.addAttribute("pages", Math.max(1, (entries.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        return "console/audit";
    }
}
