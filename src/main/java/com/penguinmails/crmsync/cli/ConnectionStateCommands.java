package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.serve.webhooksubscriptions.WebhookSubscriptionReconciler;
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
            int printed = printed(bean(ConnectionRegistry.class).enable(Actor.cli(), id));
            reconcileWebhooks(id);
            return printed;
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
            int printed = printed(bean(ConnectionRegistry.class)
                    .disable(Actor.cli(), id, reason == null ? "disabled by an operator" : reason));
            reconcileWebhooks(id);
            return printed;
        }
    }

    /** {@code connections disconnect <id>}. */
    @Command(name = "disconnect", mixinStandardHelpOptions = true,
            description = {"Stops syncing a connection for good and deletes its credentials; its history stays.",
                    "Its CRM webhooks (Pipedrive) are removed first, best effort: when the CRM cannot be reached, "
                            + "a warning names the webhooks to delete by hand and the connection is disconnected "
                            + "anyway."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:disconnected", "2:no such connection or no database"})
    static final class Disconnect extends ConnectionIdSubcommand {

        @Override
        public Integer call() {
            ConnectionRegistry registry = bean(ConnectionRegistry.class);
            registry.existing(id);
            WebhookSubscriptionReconciler.Removal removal = bean(WebhookSubscriptionReconciler.class).remove(id);
            if (removal.problem() != null) {
                spec.commandLine().getErr().println("warning: " + removal.problem());
            } else if (removal.removed() > 0) {
                out().printf("connection %d: %d CRM webhooks removed%n", id, removal.removed());
            }
            return printed(registry.disconnect(Actor.cli(), id));
        }
    }
}
