package com.penguinmails.crmsync.serve.api.lifecycle;

import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.core.SettingRule;
import com.penguinmails.crmsync.core.SyncFrequency;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiCaller;
import com.penguinmails.crmsync.serve.api.ApiConnections;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import com.penguinmails.crmsync.store.QuotaPauseStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/v1/connections/{connectionId}/schedule} (its sync frequency, honoured by the scheduled runs) and
 * {@code /api-allocation} (its share of the CRM's daily API quota, which the API governor enforces and which pauses
 * the connection until the quota resets when reached). A bad value is a 400 naming the field; nothing is stored.
 */
@RestController
@RequestMapping("/api/v1/connections/{connectionId}")
@ConditionalOnServe
@Tag(name = "Connection lifecycle")
class ConnectionScheduleController {

    private static final String DAILY_SHARE = "dailyShare";

    private final ApiConnections visible;
    private final ConnectionRegistry registry;
    private final CrmProviders crms;
    private final QuotaPauseStore quotaPauses;
    private final Connectors connectors;

    ConnectionScheduleController(ApiConnections visible, ConnectionRegistry registry, CrmProviders crms,
                                 QuotaPauseStore quotaPauses, Connectors connectors) {
        this.connectors = connectors;
        this.visible = visible;
        this.registry = registry;
        this.crms = crms;
        this.quotaPauses = quotaPauses;
    }

    /** The body of {@code PUT .../schedule}. */
    record ScheduleRequest(@Nullable String syncFrequency) {
    }

    /** The body of {@code PUT .../api-allocation}: a share of the CRM's daily quota, 0 &lt; x &lt;= 1. */
    record AllocationRequest(@Nullable Double dailyShare) {
    }

    @PutMapping("/schedule")
    @Operation(summary = "Sets how often the scheduled contact-sync runs sync the connection: 15m, 1h (the default), "
            + "4h or 1d")
    ConnectionState schedule(ApiCaller caller, @PathVariable long connectionId,
                             @RequestBody(required = false) @Nullable ScheduleRequest body) {
        Connection connection = changeable(caller, connectionId);
        if (body == null || body.syncFrequency() == null) {
            throw new ApiProblem.Invalid(SyncFrequency.SETTING, "required: one of 15m, 1h, 4h, 1d");
        }
        SyncFrequency frequency;
        try {
            frequency = SyncFrequency.parse(body.syncFrequency());
        } catch (InvalidRequestException e) {
            throw new ApiProblem.Invalid(SyncFrequency.SETTING, "'" + body.syncFrequency()
                    + "' is not one of 15m, 1h, 4h, 1d");
        }
        return changed(caller, connection, SyncFrequency.SETTING, frequency.value(),
                "connection.sync-frequency-changed");
    }

    @PutMapping("/api-allocation")
    @Operation(summary = "Sets the connection's share of the CRM's daily API quota (0 < dailyShare <= 1): on "
            + "reaching it the connection pauses itself until the quota resets, then resumes")
    ConnectionState allocation(ApiCaller caller, @PathVariable long connectionId,
                               @RequestBody(required = false) @Nullable AllocationRequest body) {
        Connection connection = changeable(caller, connectionId);
        if (body == null || body.dailyShare() == null) {
            throw new ApiProblem.Invalid(DAILY_SHARE, "required: a number with 0 < dailyShare <= 1");
        }
        SettingRule rule = crms.describe(connection.crm()).settingRules().stream()
                .filter(r -> r.matches(DAILY_SHARE)).findFirst()
                .orElseThrow(() -> new ApiProblem.Invalid(DAILY_SHARE, connection.crm().id()
                        + " connections take no API allocation (the suite keeps to the CRM's own limits)"));
        String value;
        try {
            value = rule.check().apply(String.valueOf(body.dailyShare()));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem.Invalid(DAILY_SHARE, body.dailyShare() + " is not a share with 0 < x <= 1");
        }
        ConnectionState changed = changed(caller, connection, DAILY_SHARE, value, "connection.api-allocation-changed");
        connectors.forgetGovernor(connectionId); // the service's next call counts against the new share
        return changed;
    }

    private Connection changeable(ApiCaller caller, long connectionId) {
        Connection connection = visible.visible(caller, connectionId);
        if (connection.status() == Connection.Status.DISCONNECTED) {
            throw new ApiProblem.Conflict("connection " + connectionId + " is disconnected; connect it again first");
        }
        return connection;
    }

    private ConnectionState changed(ApiCaller caller, Connection connection, String key, String value,
                                    String action) {
        Map<String, String> settings = new TreeMap<>(connection.settings());
        settings.put(key, value);
        Connection changed = registry.changeSettings(caller.actor(), connection.id(), settings, action,
                Map.of(key, value));
        return ConnectionState.of(changed, quotaPauses.pausedUntil(changed.id()).orElse(null));
    }
}
