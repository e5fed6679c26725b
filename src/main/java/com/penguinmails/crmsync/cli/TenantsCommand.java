package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.Tenant;
import com.penguinmails.crmsync.store.TenantStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tenants}: the PenguinMails tenants the jobs partition by. */
@Command(name = "tenants", mixinStandardHelpOptions = true,
        description = "Tenants: the unit of partitioning and sharding.",
        subcommands = TenantsCommand.ListCommand.class)
class TenantsCommand {

    @ParentCommand
    CrmSyncCommand root;

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists tenants with their status, contact count and, with --shards N, their shard.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:listed", "2:bad usage or no database"})
    static class ListCommand implements Callable<Integer> {

        @ParentCommand
        private TenantsCommand tenants;

        @Spec
        private CommandSpec spec;

        @Option(names = "--json", description = "Print a JSON array of objects, each with an id.")
        private boolean json;

        @Option(names = "--shards", paramLabel = "N", description = "Show which of N shards each tenant is in.")
        private @Nullable Integer shards;

        @Override
        public Integer call() {
            if (shards != null && shards < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--shards must be at least 1, was " + shards);
            }
            TenantStore store = tenants.root.session().bean(TenantStore.class);
            Map<String, Long> contacts = store.contactCounts();
            List<Map<String, Object>> rows = store.findAll().stream().map(t -> asMap(t, contacts)).toList();
            if (json) {
                Json.printArray(spec.commandLine().getOut(), rows);
            } else {
                Table table = new Table("ID", "NAME", "STATUS", "CONTACTS", "SHARD");
                rows.forEach(r -> table.row(r.get("id"), r.get("name"), r.get("status"), r.get("contacts"),
                        r.getOrDefault("shard", "-")));
                table.print(spec.commandLine().getOut());
            }
            return ExitCodes.OK;
        }

        private Map<String, Object> asMap(Tenant t, Map<String, Long> contacts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("name", t.name());
            m.put("status", t.status());
            m.put("contacts", contacts.getOrDefault(t.id(), 0L));
            if (shards != null) {
                m.put("shard", com.penguinmails.crmsync.core.Shard.shardOf(t.id(), shards) + "/" + shards);
            }
            return m;
        }
    }
}
