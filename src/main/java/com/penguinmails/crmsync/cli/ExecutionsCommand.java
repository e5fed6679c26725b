package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.job.support.ExecutionCatalog;
import com.penguinmails.crmsync.job.support.ExecutionCatalog.ExecutionRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code executions}: job executions, newest first. */
@Command(name = "executions", mixinStandardHelpOptions = true,
        description = "Lists job executions, newest first.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "2:bad usage or no database"})
class ExecutionsCommand implements Callable<Integer> {

    @ParentCommand
    private CrmSyncCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--status", paramLabel = "S",
            description = "Only executions with this status: ${COMPLETION-CANDIDATES}.")
    private @Nullable BatchStatus status;

    @Option(names = "--job", paramLabel = "J", description = "Only executions of this job.")
    private @Nullable String job;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "At most N executions. Default: ${DEFAULT-VALUE}.")
    private int limit;

    @Option(names = "--json", description = "Print a JSON array of objects, each with an id.")
    private boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--limit must be at least 1, was " + limit);
        }
        List<ExecutionRow> rows = root.session().bean(ExecutionCatalog.class)
                .find(status == null ? null : status.name(), job, limit);
        if (json) {
            Json.printArray(spec.commandLine().getOut(), rows.stream().map(ExecutionsCommand::asMap).toList());
        } else {
            Table table = new Table("ID", "JOB", "STATUS", "EXIT", "SHARD", "TENANTS", "STARTED", "ENDED");
            rows.forEach(r -> table.row(r.id(), r.job(), r.status(), r.exitCode(), r.shard(),
                    r.tenants() == null || r.tenants().isEmpty() ? "all" : r.tenants(), r.startTime(), r.endTime()));
            table.print(spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }

    private static Map<String, Object> asMap(ExecutionRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("job", r.job());
        m.put("status", r.status());
        m.put("exitCode", r.exitCode());
        m.put("shard", r.shard());
        m.put("tenants", r.tenants() == null || r.tenants().isEmpty() ? List.of() : List.of(r.tenants().split(",")));
        m.put("startTime", r.startTime() == null ? null : r.startTime().toString());
        m.put("endTime", r.endTime() == null ? null : r.endTime().toString());
        return m;
    }
}
