package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.CrmAccounts;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.penguinmails.crmsync.connector.support.TokenGrant;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code connections reauthorize <id>}. */
@Command(name = "reauthorize", mixinStandardHelpOptions = true,
        description = {"Gives a connection new OAuth 2.0 tokens in place by authorising in a browser, as",
                "'connections authorize' does (prints the consent URL, receives the code on",
                "http://127.0.0.1:PORT/callback), keeping its record links, activity links and watermarks.",
                "The new tokens must open the connection's CRM account unless --allow-other-account."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stored", "1:the CRM refused or nobody authorised in time (nothing stored)",
                CredentialsReplacingSubcommand.IN_PLACE_REFUSED})
final class ConnectionsReauthorizeCommand extends CredentialsReplacingSubcommand {

    @Mixin
    private BrowserGrantOptions browser;

    @Override
    public Integer call() throws Exception {
        browser.check();
        Connection connection = bean(ConnectionRegistry.class).replaceable(id, true);
        try {
            TokenGrant grant = browser.await(this, new ConnectionContext(connection));
            return replaced(connection, true, c -> bean(CrmAccounts.class).identify(c, grant));
        } catch (CrmUnavailableException e) {
            return failed(e.getMessage());
        }
    }
}
