package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code connections enable|disable|disconnect <id>}: a connection's state, one subcommand each. */
final class ConnectionStateCommands {

    private ConnectionStateCommands() {
    }

    /** {@code connections enable <id>}. */
    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Syncs a disabled connection again.",
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:enabled", "2:no such connection or no database"})
    static final class Enable extends ConnectionIdSubcommand {

        @Override
        public Integer call() {
            return printed(bean(ConnectionRegistry.class).enable(id));
        }
    }

    /** {@code connections disable <id>}. */
    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Pauses a connection: jobs skip it; its credentials and links are kept.",
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:disabled", "2:no such connection or no database"})
    static final class Disable extends ConnectionIdSubcommand {

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the next operator.")
        private @Nullable String reason;

        @Override
        public Integer call() {
            return printed(bean(ConnectionRegistry.class)
                    .disable(id, reason == null ? "disabled by an operator" : reason));
        }
    }

    /** {@code connections disconnect <id>}. */
    @Command(name = "disconnect", mixinStandardHelpOptions = true,
            description = "Stops syncing a connection for good and deletes its credentials; its history stays.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:disconnected", "2:no such connection or no database"})
    static final class Disconnect extends ConnectionIdSubcommand {

        @Override
        public Integer call() {
            return printed(bean(ConnectionRegistry.class).disconnect(id));
        }
    }
}
