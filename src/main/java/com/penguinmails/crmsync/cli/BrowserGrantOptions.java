package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.penguinmails.crmsync.connector.support.LoopbackAuthorization;
import com.penguinmails.crmsync.connector.support.TokenGrant;
import com.penguinmails.crmsync.core.InvalidRequestException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options and the flow of an OAuth authorisation in a browser, shared by authorize and reauthorize. */
final class BrowserGrantOptions {

    @Option(names = "--client-id", required = true, paramLabel = "ID", description = "OAuth client id.")
    private String clientId;

    @Option(names = "--client-secret", required = true, arity = "0..1", interactive = true, paramLabel = "SECRET",
            description = "OAuth client secret (asked for without echo when given no value).")
    private String clientSecret;

    @Option(names = "--scope", paramLabel = "SCOPES", description = "Scopes to ask for (space-separated).")
    private @Nullable String scope;

    @Option(names = "--port", paramLabel = "P", defaultValue = "0",
            description = "Port of the local callback; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--timeout-s", paramLabel = "S", defaultValue = "300",
            description = "How long to wait for the browser. Default: ${DEFAULT-VALUE}.")
    private long timeoutSeconds;

    /** @throws InvalidRequestException naming the option out of range */
    void check() {
        if (port < 0 || port > 65_535 || timeoutSeconds < 1) {
            throw new InvalidRequestException("--port must be 0..65535 and --timeout-s at least 1");
        }
        ConnectionSecretOptions.nonBlank(clientId, "--client-id");
        ConnectionSecretOptions.nonBlank(clientSecret, "--client-secret");
    }

    /**
     * Prints the consent URL on the command's output, waits for the browser and exchanges the code.
     *
     * @throws CrmUnavailableException when the CRM refused or nobody authorised in time
     */
    TokenGrant await(ConnectionSubcommand command, ConnectionContext context) throws Exception {
        var provider = command.bean(Connectors.class).provider(context.connection().crm());
        try (var flow = LoopbackAuthorization.listen(port)) {
            PrintWriter out = command.out();
            out.println("Open this URL in a browser and grant access:");
            out.println(flow.authorizationUrl(provider.authorizationUri(context), clientId, scope));
            out.flush();
            return flow.awaitTokens(provider.oauthEndpoint(context), clientId, clientSecret,
                    Duration.ofSeconds(timeoutSeconds), Clock.systemUTC());
        }
    }
}
