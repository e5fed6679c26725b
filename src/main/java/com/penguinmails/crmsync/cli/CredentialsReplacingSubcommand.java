package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.CrmAccounts;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.penguinmails.crmsync.core.AuthMode;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * A {@code connections} subcommand that gives one connection new secrets in place (set-credentials, reauthorize):
 * the CRM is asked which account they open first, and another account than the connection's is refused unless
 * {@code --allow-other-account}.
 */
abstract class CredentialsReplacingSubcommand extends ConnectionIdSubcommand {

    /** The exit code 2 of these subcommands, for their help. */
    static final String IN_PLACE_REFUSED = "2:no such connection, a disconnected one, bad input, another "
            + "account (nothing stored), or no database";

    @Option(names = "--allow-other-account",
            description = "Accept secrets of another CRM account than the connection's, and record that account.")
    boolean allowOtherAccount;

    /**
     * Asks the CRM which account the new secrets open, then replaces the connection's secrets (and the settings their
     * kind needs, as the CRM's provider says) if it is the connection's account.
     */
    int replaced(Connection connection, boolean oauth, Function<ConnectionContext, CrmAccounts.Identified> identify) {
        Map<String, String> settings = new LinkedHashMap<>(connection.settings());
        settings.putAll(bean(CrmProviders.class).describe(connection.crm()).settingsFor(AuthMode.of(oauth)));
        ConnectionContext context = new ConnectionContext(new Connection(connection.id(), connection.tenantId(),
                connection.crm(), connection.accountRef(), connection.status(), connection.statusReason(), settings,
                connection.createdAt()));
        CrmAccounts.Identified identified;
        try {
            identified = identify.apply(context);
        } catch (CrmUnavailableException e) {
            return failed(e.getMessage() + "; nothing was changed");
        }
        Connection replaced = bean(ConnectionRegistry.class).replaceCredentials(Actor.cli(), connection.id(),
                identified.credential(), settings, identified.id(), identified::is, allowOtherAccount);
        out().printf("connection %d: new credentials for %s account %s, %s%n", replaced.id(), replaced.crm().id(),
                replaced.accountRef(), replaced.status().dbValue());
        return ExitCodes.OK;
    }
}
