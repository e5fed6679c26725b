package com.penguinmails.crmsync.serve.console;

import com.penguinmails.crmsync.monitor.SyncHealth;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiCaller;
import com.penguinmails.crmsync.serve.api.ApiConnections;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /console/connections/{connectionId}}: one connection's sync-health page: status and reason, its last run and
 * recent activity, open errors and warnings grouped by reason (with retry and ignore forms, see
 * {@link ConsoleErrorActionsController}), API usage against its allocation, OAuth health, and the last 24 hours of
 * records in and out and lag, hour by hour, as a chart and as a table; and what changes it: reconnect (see
 * {@link ConsoleConnectController}).
 */
@Controller
@ConditionalOnServe
class ConsoleHealthController {

    /** The chart's and table's window and bucket. */
    static final Duration WINDOW = Duration.ofHours(24);
    static final Duration BUCKET = Duration.ofHours(1);
    private static final int RECENT_ACTIVITY = 10;

    private final ApiConnections connections;
    private final SyncHealth health;
    private final ConnectOptions options;

    ConsoleHealthController(ApiConnections connections, SyncHealth health, ConnectOptions options) {
        this.connections = connections;
        this.health = health;
        this.options = options;
    }

    @GetMapping("/console/connections/{connectionId}")
    String connection(ApiCaller caller, @PathVariable long connectionId,
                      @RequestParam(required = false) @Nullable String changed, Model model) {
        connections.visible(caller, connectionId);
        SyncHealth.ConnectionHealth connection = health.connection(connectionId)
                .orElseThrow(() -> new ApiProblem.NotFound("no connection " + connectionId));
        List<SyncHealth.ActivityPoint> activity = health.activity(connectionId, WINDOW, BUCKET);
        model.addAttribute("caller", caller);
        model.addAttribute("c", connection);
        model.addAttribute("changed", changed == null ? null : changed.replaceAll("[^a-z-]", ""));
        model.addAttribute("connectOption", options.of(connection.crm()));
        model.addAttribute("groups", health.errorGroups(connectionId));
        model.addAttribute("activity", activity);
        model.addAttribute("chartJson", ActivityChart.of(activity).json());
        model.addAttribute("recent", health.audit(new SyncHealth.AuditQuery(List.of(connection.tenantId()),
                connectionId, null, null, null, null, 0, RECENT_ACTIVITY)).entries());
        return "console/connection";
    }
}
