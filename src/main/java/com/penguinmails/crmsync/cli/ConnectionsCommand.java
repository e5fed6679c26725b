package com.penguinmails.crmsync.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code connections}: tenants' CRM connections and their credentials (one class per subcommand). */
@Command(name = "connections", mixinStandardHelpOptions = true,
        description = "Tenants' CRM connections: the unit the sync jobs partition by.",
        subcommands = {ConnectionsAddCommand.class, ConnectionsAuthorizeCommand.class,
                ConnectionsSetCredentialsCommand.class, ConnectionsReauthorizeCommand.class,
                ConnectionsListCommand.class, ConnectionsTestCommand.class, ConnectionsSetCommand.class,
                ConnectionStateCommands.Enable.class, ConnectionStateCommands.Disable.class,
                ConnectionStateCommands.Disconnect.class})
class ConnectionsCommand {

    @ParentCommand
    CrmSyncCommand root;
}
