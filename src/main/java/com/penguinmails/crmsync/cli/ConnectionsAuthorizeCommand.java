package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.credentials.Credential;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code connections authorize}. */
@Command(name = "authorize", mixinStandardHelpOptions = true,
        description = {"Connects a tenant's CRM by OAuth 2.0 in a browser: prints the CRM's consent URL, receives the",
                "authorization code on a local callback (http://127.0.0.1:PORT/callback; register it with your",
                "OAuth app), exchanges it for tokens and stores them encrypted. The secrets never reach the terminal."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:connected", "1:the CRM refused or nobody authorised in time (nothing stored)",
                "2:bad input, or no database"})
final class ConnectionsAuthorizeCommand extends ConnectionSubcommand {

    @Option(names = "--tenant", required = true, paramLabel = "ID", description = "The tenant.")
    private String tenant;

    @Option(names = "--crm", required = true, paramLabel = "CRM", description = "salesforce, hubspot or pipedrive.")
    private String crm;

    @Option(names = "--base-url", paramLabel = "URL", description = "The CRM's (or a sandbox's) base URL.")
    private @Nullable String baseUrl;

    @Option(names = "--account", paramLabel = "REF", description = "The CRM's account id, if known.")
    private @Nullable String account;

    @Mixin
    private BrowserGrantOptions browser;

    @Override
    public Integer call() throws Exception {
        CrmProviders crms = bean(CrmProviders.class);
        CrmKind kind = crmKind(crms, crm);
        browser.check();
        Map<String, String> settings = newSettings(crms, kind, baseUrl, true);
        ConnectionRegistry registry = bean(ConnectionRegistry.class);
        registry.requireTenant(tenant);
        var context = new ConnectionContext(new Connection(0, tenant, kind, account, Connection.Status.ACTIVE,
                null, settings, Instant.now()));
        try {
            Credential.OAuth tokens = browser.await(this, context).credential();
            printAttached(registry.attach(Actor.cli(), tenant, kind, account, settings, tokens), tenant, kind);
            return ExitCodes.OK;
        } catch (CrmUnavailableException e) {
            return failed(e.getMessage());
        }
    }
}
