package com.penguinmails.crmsync.serve.api.monitor;

import com.penguinmails.crmsync.monitor.SyncErrorActions;
import com.penguinmails.crmsync.monitor.SyncHealth;
import com.penguinmails.crmsync.monitor.SyncHealth.ActivityPoint;
import com.penguinmails.crmsync.monitor.SyncHealth.AuditPage;
import com.penguinmails.crmsync.monitor.SyncHealth.AuditQuery;
import com.penguinmails.crmsync.monitor.SyncHealth.ConnectionHealth;
import com.penguinmails.crmsync.monitor.SyncHealth.ErrorGroup;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiCaller;
import com.penguinmails.crmsync.serve.api.ApiConnections;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The monitoring calls: health, errors (and acting on them), activity and the audit log. */
@RestController
@RequestMapping("/api/v1")
@ConditionalOnServe
@Tag(name = "Monitoring", description = "Sync health per connection, errors by reason, activity and the audit log")
class MonitoringController {

    private final SyncHealth health;
    private final SyncErrorActions actions;
    private final ApiConnections connections;

    MonitoringController(SyncHealth health, SyncErrorActions actions, ApiConnections connections) {
        this.health = health;
        this.actions = actions;
        this.connections = connections;
    }

    /** Which errors to act on: their ids, or every open one of a reason (a group's {@code reason}). */
    record ErrorSelection(@Nullable List<Long> ids, @Nullable String reason) {
    }

    @GetMapping("/connections")
    @Operation(summary = "The caller's tenant's connections with their health (an operator: every tenant's, or "
            + "?tenant=)")
    List<ConnectionHealth> list(ApiCaller caller, @RequestParam(required = false) @Nullable String tenant) {
        return health.connections(caller.tenantsFor(tenant));
    }

    @GetMapping("/connections/{connectionId}")
    @Operation(summary = "One connection's health: state, last and next sync, records in and out over 24 hours, "
            + "lag, open errors, API usage, OAuth health")
    ConnectionHealth connection(ApiCaller caller, @PathVariable long connectionId) {
        connections.visible(caller, connectionId);
        return health.connection(connectionId)
                .orElseThrow(() -> new ApiProblem.NotFound("no connection " + connectionId));
    }

    @GetMapping("/connections/{connectionId}/errors")
    @Operation(summary = "The connection's open errors and warnings grouped by reason, largest first, with examples")
    List<ErrorGroup> errors(ApiCaller caller, @PathVariable long connectionId) {
        connections.visible(caller, connectionId);
        return health.errorGroups(connectionId);
    }

    @PostMapping("/connections/{connectionId}/errors/retry")
    @Operation(summary = "Retries open errors by ids or by reason: outbound contacts are queued for the next push "
            + "(audited)")
    SyncErrorActions.Outcome retry(ApiCaller caller, @PathVariable long connectionId,
                                   @RequestBody(required = false) @Nullable ErrorSelection selection) {
        connections.visible(caller, connectionId);
        ErrorSelection chosen = checked(selection);
        return chosen.ids() != null ? actions.retry(caller.actor(), connectionId, chosen.ids())
                : actions.retryReason(caller.actor(), connectionId, chosen.reason());
    }

    @PostMapping("/connections/{connectionId}/errors/ignore")
    @Operation(summary = "Ignores open errors or warnings by ids or by reason (audited)")
    SyncErrorActions.Outcome ignore(ApiCaller caller, @PathVariable long connectionId,
                                    @RequestBody(required = false) @Nullable ErrorSelection selection) {
        connections.visible(caller, connectionId);
        ErrorSelection chosen = checked(selection);
        return chosen.ids() != null ? actions.ignore(caller.actor(), connectionId, chosen.ids())
                : actions.ignoreReason(caller.actor(), connectionId, chosen.reason());
    }

    @GetMapping("/connections/{connectionId}/activity")
    @Operation(summary = "The connection's records in and out, errors and lag over the last hours, in buckets")
    List<ActivityPoint> activity(ApiCaller caller, @PathVariable long connectionId,
                                 @RequestParam(defaultValue = "24") int hours,
                                 @RequestParam(defaultValue = "60") int bucketMinutes) {
        connections.visible(caller, connectionId);
        if (hours < 1) {
            throw new ApiProblem.Invalid("hours", "must be at least 1");
        }
        if (bucketMinutes < 1) {
            throw new ApiProblem.Invalid("bucketMinutes", "must be at least 1");
        }
        return health.activity(connectionId, Duration.ofHours(hours), Duration.ofMinutes(bucketMinutes));
    }

    @GetMapping("/audit")
    @Operation(summary = "The audit log of the caller's tenant (an operator: every tenant's, or ?tenant=), newest "
            + "first; actor=people for every change made by a person")
    AuditPage audit(ApiCaller caller, @RequestParam(required = false) @Nullable String tenant,
                    @RequestParam(required = false) @Nullable Long connection,
                    @RequestParam(required = false) @Nullable String action,
                    @RequestParam(required = false) @Nullable String actor,
                    @RequestParam(required = false) @Nullable String from,
                    @RequestParam(required = false) @Nullable String to,
                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return health.audit(new AuditQuery(caller.tenantsFor(tenant), connection, action, actor,
                instant("from", from), instant("to", to), page, size));
    }

    @GetMapping("/connections/{connectionId}/audit")
    @Operation(summary = "The connection's audit log, newest first")
    AuditPage connectionAudit(ApiCaller caller, @PathVariable long connectionId,
                              @RequestParam(required = false) @Nullable String action,
                              @RequestParam(required = false) @Nullable String actor,
                              @RequestParam(required = false) @Nullable String from,
                              @RequestParam(required = false) @Nullable String to,
                              @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "50") int size) {
        String tenant = connections.visible(caller, connectionId).tenantId();
        return health.audit(new AuditQuery(List.of(tenant), connectionId, action, actor, instant("from", from),
                instant("to", to), page, size));
    }

    private static ErrorSelection checked(@Nullable ErrorSelection selection) {
        boolean ids = selection != null && selection.ids() != null;
        boolean reason = selection != null && selection.reason() != null && !selection.reason().isBlank();
        if (ids == reason) {
            throw new ApiProblem.Invalid("ids", "give either ids (a list of error ids) or reason (an error "
                    + "group's reason), not " + (ids ? "both" : "neither"));
        }
        if (ids && selection.ids().isEmpty()) {
            throw new ApiProblem.Invalid("ids", "must name at least one error");
        }
        return selection;
    }

    private static @Nullable Instant instant(String parameter, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ApiProblem.Invalid(parameter, "'" + text + "' is not an ISO-8601 instant such as "
                    + "2026-01-31T09:00:00Z");
        }
    }
}
