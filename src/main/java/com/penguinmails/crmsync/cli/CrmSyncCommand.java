package com.penguinmails.crmsync.cli;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level {@code crm-sync} command: global options and the list of commands. */
@Command(name = "crm-sync",
        mixinStandardHelpOptions = true,
        version = "crm-sync 0.1.0",
        description = "Keeps PenguinMails tenants and their CRMs (Salesforce, HubSpot, Pipedrive) in step.",
        subcommands = {RunCommand.class, BackfillCommand.class, ExecutionsCommand.class, ShowCommand.class, RestartCommand.class,
                StopCommand.class, AbandonCommand.class, TenantsCommand.class, ConnectionsCommand.class,
                CredentialsCommand.class, MappingCommand.class, ErrorsCommand.class, SandboxCommand.class,
                DemoCommand.class, ServeCommand.class, AuditCommand.class, ApiTokenCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a job failed", "2:bad usage, bad input or unreachable database"},
        footer = {"", "Without SPRING_DATASOURCE_URL, an embedded PostgreSQL 17 runs on --data-dir "
                + "(default ~/.crm-sync/pgdata)."})
public class CrmSyncCommand {

    private final SpringSession session;

    @Option(names = "--debug", description = "Log in detail and print stack traces.", scope =
            picocli.CommandLine.ScopeType.INHERIT)
    void debug(boolean debug) {
        this.debug = debug;
        if (debug) {
            session.property("logging.level.com.penguinmails.crmsync", "DEBUG");
            session.property("logging.level.root", "INFO");
            session.property("logging.exception-conversion-word", "%wEx");
        }
    }

    private boolean debug;

    @Option(names = "--data-dir", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Data directory of the embedded PostgreSQL (ignored when SPRING_DATASOURCE_URL is set).")
    void dataDir(@Nullable Path dataDir) {
        if (dataDir != null) {
            session.property("crmsync.database.data-dir", dataDir.toAbsolutePath().toString());
        }
    }

    public CrmSyncCommand(Map<String, Object> properties) {
        this.session = new SpringSession(properties);
    }

    public boolean debug() {
        return debug;
    }

    public SpringSession session() {
        return session;
    }
}
