package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.credentials.Credential;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code connections add}. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Connects a tenant's CRM account with an API token or OAuth 2.0 tokens, stored encrypted.",
                "A secret option given without a value is asked for without echo (keeps it out of shell history).",
                "Salesforce connects by OAuth only. An account the tenant connected before and disconnected",
                "(same CRM and --account) is reattached: its links and watermarks are kept, nothing syncs twice.",
                "An account the tenant has connected now is refused: see 'connections set-credentials'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:connected or reattached", "2:bad input (nothing was stored), or no database"})
final class ConnectionsAddCommand extends ConnectionSubcommand {

    @Option(names = "--tenant", required = true, paramLabel = "ID", description = "The tenant.")
    private String tenant;

    @Option(names = "--crm", required = true, paramLabel = "CRM", description = "salesforce, hubspot or pipedrive.")
    private String crm;

    @Option(names = "--account", paramLabel = "REF",
            description = "The CRM's account id (Salesforce org id, HubSpot hub id, Pipedrive company domain).")
    private @Nullable String account;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "API base URL (a sandbox, a private instance, a Salesforce instance or login URL).")
    private @Nullable String baseUrl;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private ConnectionSecretOptions secrets;

    @Override
    public Integer call() {
        CrmProviders crms = bean(CrmProviders.class);
        CrmKind kind = crmKind(crms, crm);
        Credential credential = secrets.credential(baseUrl);
        Map<String, String> settings = newSettings(crms, kind, baseUrl, secrets.oauth());
        ConnectionRegistry.Attached attached = bean(ConnectionRegistry.class).attach(Actor.cli(), tenant, kind, account, settings,
                credential);
        printAttached(attached, tenant, kind);
        reconcileWebhooks(attached.id());
        return ExitCodes.OK;
    }
}
