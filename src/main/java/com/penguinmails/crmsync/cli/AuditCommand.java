package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.monitor.SyncHealth;
import com.penguinmails.crmsync.monitor.SyncHealth.AuditEntry;
import com.penguinmails.crmsync.monitor.SyncHealth.AuditPage;
import com.penguinmails.crmsync.monitor.SyncHealth.AuditQuery;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code audit}: the activity log ({@code crm_sync.sync_audit}): what runs changed and what people changed. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The activity log: what each run changed (no actor) and every change a person made through "
                + "the API, the console or the CLI (actor user:..., operator:..., cli:...), newest first.",
        subcommands = AuditCommand.ListAudit.class)
class AuditCommand {

    @ParentCommand
    CrmSyncCommand root;

    /** {@code audit list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists audit rows, newest first, a page at a time.",
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:listed", "2:bad usage or no database"})
    static class ListAudit implements Callable<Integer> {
        @ParentCommand
        private AuditCommand parent;
        @Spec
        private CommandSpec spec;
        @Option(names = "--tenant", paramLabel = "ID", description = "Only this tenant's rows.")
        private @Nullable String tenant;
        @Option(names = "--connection", paramLabel = "ID", description = "Only this connection's rows.")
        private @Nullable Long connection;
        @Option(names = "--action", paramLabel = "A",
                description = "Only actions starting with A (e.g. connection. or sync-errors.ignored).")
        private @Nullable String action;
        @Option(names = "--actor", paramLabel = "X",
                description = "Only this actor's rows (e.g. cli:ops, user:alice); 'people' for every change a person "
                        + "made.")
        private @Nullable String actor;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                description = "Rows per page, 1 to 200 (default: ${DEFAULT-VALUE}).")
        private int limit;
        @Option(names = "--page", paramLabel = "P", defaultValue = "0",
                description = "Page number, from 0 (default: ${DEFAULT-VALUE}).")
        private int page;
        @Option(names = "--json", description = "Print a JSON object: entries, page, size, total.")
        private boolean json;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 200) {
                throw new InvalidRequestException("--limit must be between 1 and 200");
            }
            if (page < 0) {
                throw new InvalidRequestException("--page must be 0 or more");
            }
            AuditPage result = parent.root.session().bean(SyncHealth.class).audit(new AuditQuery(
                    tenant == null ? List.of() : List.of(tenant), connection, action, actor, null, null, page, limit));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("entries", result.entries());
                m.put("page", result.page());
                m.put("size", result.size());
                m.put("total", result.total());
                Json.printObject(out, m);
                return ExitCodes.OK;
            }
            Table table = new Table("ID", "AT", "TENANT", "CONNECTION", "ACTOR", "JOB", "ACTION", "RECORDS",
                    "DETAILS");
            for (AuditEntry e : result.entries()) {
                table.row(e.id(), e.at().truncatedTo(ChronoUnit.SECONDS), e.tenantId(), e.connectionId(),
                        e.actor() == null ? "-" : e.actor(), e.jobName(), e.action(), e.recordCount(),
                        Json.compact(e.details()));
            }
            table.print(out);
            out.printf("page %d, %d of %d row(s)%n", result.page(), result.entries().size(), result.total());
            return ExitCodes.OK;
        }
    }
}
