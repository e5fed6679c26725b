package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.AuthMode;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.core.SettingRule;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every {@code connections} subcommand has: its parent (through which it reaches the application's beans), its
 * own command line (where it prints), and the lines it prints about a connection. Picocli fills the fields of this
 * superclass like the subclass's own.
 */
abstract class ConnectionSubcommand implements Callable<Integer> {

    @ParentCommand
    ConnectionsCommand parent;

    @Spec
    CommandSpec spec;

    /** A bean of the application, started on first use. */
    <T> T bean(Class<T> type) {
        return parent.root.session().bean(type);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Prints {@code error: <message>} on standard error: what a subcommand says before it exits 1. */
    int failed(String message) {
        spec.commandLine().getErr().println("error: " + message);
        return ExitCodes.FAILED;
    }

    /**
     * Brings the connection's CRM webhooks (Pipedrive) in line with its state now, when a public URL is configured:
     * registered when active, removed when disabled ({@code crm-sync serve} would within its interval); a CRM that
     * cannot be reached is a warning, not a failure.
     */
    void reconcileWebhooks(long connectionId) {
        var result = bean(com.penguinmails.crmsync.serve.webhooksubscriptions.WebhookSubscriptionReconciler.class)
                .reconcile(connectionId);
        if (result == com.penguinmails.crmsync.serve.webhooksubscriptions.WebhookSubscriptionReconciler.Result.FAILED) {
            spec.commandLine().getErr().println("warning: connection " + connectionId + ": its CRM webhooks could not "
                    + "be updated now; crm-sync serve tries again");
        }
    }

    /** Prints the connection's one line (id, tenant, CRM, status). */
    int printed(Connection c) {
        out().printf("connection %d: tenant %s, %s, %s%n", c.id(), c.tenantId(), c.crm().id(), c.status().dbValue());
        return ExitCodes.OK;
    }

    void printAttached(ConnectionRegistry.Attached attached, String tenant, CrmKind kind) {
        out().printf("connection %d: tenant %s, %s, active%s%n", attached.id(), tenant, kind.id(),
                attached.reattached() ? " (reattached: its links and watermarks are kept)" : "");
    }

    /** @throws InvalidRequestException naming {@code --crm} and the registered CRMs */
    static CrmKind crmKind(CrmProviders crms, String crm) {
        try {
            return crms.kind(crm);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("--crm: " + e.getMessage());
        }
    }

    /** The non-secret settings a new connection starts with: its base URL and what its CRM's auth mode needs. */
    static Map<String, String> newSettings(CrmProviders crms, CrmKind kind, @Nullable String baseUrl, boolean oauth) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (baseUrl != null) {
            try {
                settings.put("baseUrl", SettingRule.httpUrl(baseUrl));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("--base-url '" + baseUrl + "' is not an http(s) URL");
            }
        }
        settings.putAll(crms.describe(kind).settingsFor(AuthMode.of(oauth)));
        return settings;
    }
}
