package com.penguinmails.crmsync.cli;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: runs the real-time service (webhooks in, change notices dispatched per connection) until it is
 * stopped (SIGTERM: a graceful shutdown).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the real-time sync service until stopped: receives the CRMs' webhooks on "
                + "POST /webhooks/<crm>[/<connection>], stores them, and applies them per connection (any number of "
                + "replicas share the work through the database). Health: /actuator/health/liveness and "
                + "/actuator/health/readiness. SIGTERM shuts it down gracefully.",
                "Settings: crmsync.serve.* (see the README), e.g. CRMSYNC_SERVE_HUBSPOT_CLIENT_SECRET."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped after a graceful shutdown (143 when the JVM was sent SIGTERM)",
                "1:the service could not start (e.g. the port is in use)",
                "2:bad usage, bad configuration or unreachable database"})
class ServeCommand implements Callable<Integer> {

    @ParentCommand
    private CrmSyncCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "P",
            description = "HTTP port (default: crmsync.serve.port, 8080; 0 picks a free port and prints it).")
    private @Nullable Integer port;

    @Override
    public Integer call() throws InterruptedException {
        if (port != null && (port < 0 || port > 65_535)) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, was " + port);
        }
        SpringSession session = root.session();
        session.servlet();
        session.property("crmsync.serve.enabled", "true");
        if (port != null) {
            session.property("crmsync.serve.port", port);
        }
        ConfigurableApplicationContext context = session.context();
        int listening = ((WebServerApplicationContext) context).getWebServer().getPort();
        spec.commandLine().getOut().println("crm-sync serve: listening on port " + listening);
        spec.commandLine().getOut().flush();
        while (context.isActive()) { // until a shutdown hook (SIGTERM) or a test has closed it, gracefully
            Thread.sleep(200);
        }
        return ExitCodes.OK;
    }
}
