package com.penguinmails.crmsync.serve.api.configure;

import com.penguinmails.crmsync.admin.ConfigurationRefusedException;
import com.penguinmails.crmsync.admin.ConnectionSettings;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmDescription;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.SyncDirection;
import com.penguinmails.crmsync.core.SyncObjects;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiCaller;
import com.penguinmails.crmsync.serve.api.ApiConnections;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET/PATCH /api/v1/connections/{connectionId}/settings}: what a connection syncs, which way, what it creates. */
@RestController
@RequestMapping("/api/v1/connections/{connectionId}/settings")
@ConditionalOnServe
@Tag(name = "Configuration", description = "A connection's sync settings and field map")
class ConnectionSettingsController {

    /**
     * A connection's settings: the effective sync choices, the object types its CRM offers, and every stored
     * (non-secret) setting by key.
     */
    record SettingsView(long connectionId, String crm, String direction, List<String> objects,
                        List<String> availableObjects, boolean createContactsInCrm,
                        List<Long> createContactsFromLists, Map<String, String> settings) {
    }

    private final ApiConnections connections;
    private final ConnectionSettings settings;
    private final CrmProviders crms;

    ConnectionSettingsController(ApiConnections connections, ConnectionSettings settings, CrmProviders crms) {
        this.connections = connections;
        this.settings = settings;
        this.crms = crms;
    }

    @GetMapping
    @Operation(summary = "Reads a connection's sync settings: objects, direction, contact creation rules and the "
            + "other non-secret settings")
    SettingsView read(ApiCaller caller, @PathVariable long connectionId) {
        Connection connection = connections.visible(caller, connectionId);
        return view(connection, connection.settings());
    }

    @PatchMapping
    @Operation(summary = "Changes some settings (a JSON object of key to value; null removes a key). Every key is "
            + "checked first: an unknown key, a wrong type or an object the CRM lacks is a 400 naming each field, "
            + "and nothing is stored. The change is audited as settings.changed with the caller")
    SettingsView change(ApiCaller caller, @PathVariable long connectionId,
                        @RequestBody Map<String, @Nullable Object> body) {
        Connection connection = connections.visible(caller, connectionId);
        Map<String, @Nullable String> changes = new LinkedHashMap<>();
        List<ApiProblem.FieldError> wrongTypes = new ArrayList<>();
        body.forEach((key, value) -> {
            try {
                changes.put(key, text(value));
            } catch (IllegalArgumentException e) {
                wrongTypes.add(new ApiProblem.FieldError(key, e.getMessage()));
            }
        });
        if (!wrongTypes.isEmpty()) {
            throw new ApiProblem.Invalid("settings of the wrong type; nothing was stored", wrongTypes);
        }
        if (changes.isEmpty()) {
            throw new ApiProblem.Invalid("settings", "give at least one setting to change");
        }
        try {
            return view(connection, settings.change(caller.actor(), connection, changes));
        } catch (ConfigurationRefusedException e) {
            throw ConfigurationProblems.invalid(e);
        }
    }

    /** A JSON value as a setting's text: scalars as written, a list of scalars comma-separated, null as removal. */
    private static @Nullable String text(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value.toString();
        }
        if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String || v instanceof Number)) {
            return list.stream().map(Object::toString).collect(Collectors.joining(","));
        }
        throw new IllegalArgumentException("must be a string, number, boolean, list of strings or numbers, or null");
    }

    private SettingsView view(Connection connection, Map<String, String> stored) {
        CrmDescription crm = crms.describe(connection.crm());
        String lists = stored.getOrDefault("createContactsFromLists", "");
        return new SettingsView(connection.id(), connection.crm().id(), SyncDirection.of(stored).value(),
                names(SyncObjects.of(crm, stored)), names(SyncObjects.available(crm)),
                Boolean.parseBoolean(stored.getOrDefault("createContactsInCrm", "false")),
                Arrays.stream(lists.split(",")).filter(id -> !id.isBlank()).map(Long::valueOf).toList(), stored);
    }

    private static List<String> names(List<ObjectType> types) {
        return types.stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toList();
    }
}
