package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.credentials.CredentialStore;
import com.penguinmails.crmsync.monitor.SyncHealth;
import com.penguinmails.crmsync.monitor.SyncHealth.ConnectionHealth;
import com.penguinmails.crmsync.store.ConnectionStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code connections list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists connections, their status, health (HEALTHY, WARNING, FAILING, PAUSED, DISCONNECTED) and last "
                + "successful sync (see README, Monitoring).",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:listed", "2:bad usage or no database"})
final class ConnectionsListCommand extends ConnectionSubcommand {

    @Option(names = "--tenant", paramLabel = "ID", description = "Only this tenant's connections.")
    private @Nullable String tenant;

    @Option(names = "--json", description = "Print a JSON array of objects, each with an id.")
    private boolean json;

    @Override
    public Integer call() {
        List<Connection> connections = bean(ConnectionStore.class).list(tenant);
        Map<Long, String> credentials = bean(CredentialStore.class).describeAll();
        Map<Long, ConnectionHealth> health = bean(SyncHealth.class)
                .connections(tenant == null ? List.of() : List.of(tenant)).stream()
                .collect(Collectors.toMap(ConnectionHealth::id, Function.identity()));
        if (json) {
            Json.printArray(out(), connections.stream().map(c -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", c.id());
                m.put("tenant", c.tenantId());
                m.put("crm", c.crm().id());
                m.put("account", c.accountRef());
                m.put("status", c.status().dbValue());
                m.put("statusReason", c.statusReason());
                m.put("credentials", credentials.get(c.id()));
                ConnectionHealth h = health.get(c.id());
                m.put("health", h == null ? null : h.health().name());
                m.put("lastSync", h == null ? null : h.lastSuccessfulSync());
                m.put("nextSync", h == null ? null : h.nextSync());
                m.put("settings", c.settings());
                return m;
            }).toList());
        } else {
            Table table = new Table("ID", "TENANT", "CRM", "ACCOUNT", "STATUS", "HEALTH", "LAST SYNC", "CREDENTIALS",
                    "REASON");
            connections.forEach(c -> {
                ConnectionHealth h = health.get(c.id());
                table.row(c.id(), c.tenantId(), c.crm().id(), c.accountRef(), c.status().dbValue(),
                        h == null ? null : h.health(), h == null || h.lastSuccessfulSync() == null ? "never"
                                : h.lastSuccessfulSync().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                        credentials.getOrDefault(c.id(), "none"), c.statusReason());
            });
            table.print(out());
        }
        return ExitCodes.OK;
    }
}
