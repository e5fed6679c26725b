package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.connector.support.CrmAccounts;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.credentials.Credential;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/** {@code connections set-credentials <id>}. */
@Command(name = "set-credentials", mixinStandardHelpOptions = true,
        description = {"Gives a connection new secrets in place (an API token, or OAuth client id, secret and",
                "refresh token), keeping its record links, activity links and watermarks. A secret option given",
                "without a value is asked for without echo. The CRM is asked first which account the new",
                "secrets open: another account than the connection's is refused unless --allow-other-account.",
                "A connection whose authorisation had failed is active again."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stored", "1:the CRM refused the new secrets or could not be reached (nothing stored)",
                CredentialsReplacingSubcommand.IN_PLACE_REFUSED})
final class ConnectionsSetCredentialsCommand extends CredentialsReplacingSubcommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    private ConnectionSecretOptions secrets;

    @Override
    public Integer call() {
        secrets.credential(null); // bad input is refused before the connection is looked at
        Connection connection = bean(ConnectionRegistry.class).replaceable(id, secrets.oauth());
        // the connection's base URL is the OAuth instance URL until a refresh names one, as for 'add'
        Credential candidate = secrets.credential(connection.settings().get("baseUrl"));
        return replaced(connection, secrets.oauth(), context -> bean(CrmAccounts.class).identify(context, candidate));
    }
}
