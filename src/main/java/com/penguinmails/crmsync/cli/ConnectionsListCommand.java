package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.credentials.CredentialStore;
import com.penguinmails.crmsync.store.ConnectionStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code connections list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists connections and their status.",
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
                m.put("settings", c.settings());
                return m;
            }).toList());
        } else {
            Table table = new Table("ID", "TENANT", "CRM", "ACCOUNT", "STATUS", "CREDENTIALS", "REASON");
            connections.forEach(c -> table.row(c.id(), c.tenantId(), c.crm().id(), c.accountRef(),
                    c.status().dbValue(), credentials.getOrDefault(c.id(), "none"), c.statusReason()));
            table.print(out());
        }
        return ExitCodes.OK;
    }
}
