package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.penguinmails.crmsync.core.ApiBudget;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.ObjectDescription;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import picocli.CommandLine.Command;

/** {@code connections test <id>}. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Checks a connection end to end: opens it with its stored credentials (refreshing an OAuth",
                "token if needed), describes its contact object and reports the API budget. A connection whose",
                "authorisation was revoked is marked auth_failed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the CRM answered", "1:the CRM refused or could not be reached (the line says why)",
                "2:no such connection, bad usage or no database"})
final class ConnectionsTestCommand extends ConnectionIdSubcommand {

    @Override
    public Integer call() {
        ConnectionRegistry registry = bean(ConnectionRegistry.class);
        Connection connection = registry.existing(id);
        try {
            CrmConnector connector = bean(Connectors.class).open(connection);
            ObjectDescription contact = connector.describe(ObjectType.CONTACT);
            ApiBudget budget = connector.budget();
            out().printf("connection %d: ok, %s has %d fields; API budget %d of %d used%n",
                    id, contact.crmName(), contact.fields().size(), budget.used(), budget.limit());
            return ExitCodes.OK;
        } catch (CrmUnavailableException e) {
            if (e.reason() == CrmUnavailableException.Reason.AUTH_REVOKED) {
                registry.markAuthFailed(id, e.getMessage());
            }
            return failed(e.getMessage());
        }
    }
}
