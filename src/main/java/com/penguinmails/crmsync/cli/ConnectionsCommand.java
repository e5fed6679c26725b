package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.connector.support.CrmAccounts;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.penguinmails.crmsync.connector.support.LoopbackAuthorization;
import com.penguinmails.crmsync.connector.support.TokenGrant;
import com.penguinmails.crmsync.core.ApiBudget;
import com.penguinmails.crmsync.core.AuthMode;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.ObjectDescription;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.credentials.Credential;
import com.penguinmails.crmsync.credentials.CredentialStore;
import com.penguinmails.crmsync.store.ConnectionStore;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code connections}: tenants' CRM connections and their credentials. */
@Command(name = "connections", mixinStandardHelpOptions = true,
        description = "Tenants' CRM connections: the unit the sync jobs partition by.",
        subcommands = {ConnectionsCommand.Add.class, ConnectionsCommand.Authorize.class,
                ConnectionsCommand.SetCredentials.class, ConnectionsCommand.Reauthorize.class,
                ConnectionsCommand.ListConnections.class,
                ConnectionsCommand.Test.class, ConnectionsCommand.SetSettings.class, ConnectionsCommand.Enable.class,
                ConnectionsCommand.Disable.class, ConnectionsCommand.Disconnect.class})
class ConnectionsCommand {

    @ParentCommand
    CrmSyncCommand root;

    private static final String IN_PLACE_REFUSED = "2:no such connection, a disconnected one, bad input, another "
            + "account (nothing stored), or no database";

    /** {@code connections add}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Connects a tenant's CRM account with an API token or OAuth 2.0 tokens, stored encrypted.",
                    "A secret option given without a value is asked for without echo (keeps it out of shell history).",
                    "Salesforce connects by OAuth only. An account the tenant connected before and disconnected",
                    "(same CRM and --account) is reattached: its links and watermarks are kept, nothing syncs twice.",
                    "An account the tenant has connected now is refused: see 'connections set-credentials'."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:connected or reattached", "2:bad input (nothing was stored), or no database"})
    static class Add implements Callable<Integer> {

        @ParentCommand
        private ConnectionsCommand parent;

        @Spec
        private CommandSpec spec;

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
        private Secrets secrets;

        static final class Secrets {
            @Option(names = "--api-token", arity = "0..1", interactive = true, paramLabel = "TOKEN",
                    description = "A static API token (Pipedrive API token, HubSpot private-app token).")
            @Nullable String apiToken;

            @ArgGroup(exclusive = false)
            @Nullable OAuthTokens oauth;
        }

        static final class OAuthTokens {
            @Option(names = "--client-id", required = true, paramLabel = "ID", description = "OAuth client id.")
            String clientId;

            @Option(names = "--client-secret", required = true, arity = "0..1", interactive = true,
                    paramLabel = "SECRET", description = "OAuth client secret.")
            String clientSecret;

            @Option(names = "--refresh-token", required = true, arity = "0..1", interactive = true,
                    paramLabel = "TOKEN", description = "OAuth refresh token.")
            String refreshToken;

            @Option(names = "--access-token", arity = "0..1", interactive = true, paramLabel = "TOKEN",
                    description = "A current access token (optional: one is fetched with the refresh token).")
            @Nullable String accessToken;
        }

        @Override
        public Integer call() {
            CrmProviders crms = parent.root.session().bean(CrmProviders.class);
            CrmKind kind = crmKind(crms, crm);
            Credential credential = credential(secrets, baseUrl);
            Map<String, String> settings = settings(crms, kind, baseUrl, credential instanceof Credential.OAuth);
            var attached = parent.root.session().bean(ConnectionRegistry.class)
                    .attach(tenant, kind, account, settings, credential);
            printAttached(spec, attached, tenant, kind);
            return ExitCodes.OK;
        }

        /** The credential the secret options give; {@code baseUrl} is the OAuth instance URL until a refresh. */
        static Credential credential(Secrets secrets, @Nullable String baseUrl) {
            if (secrets.apiToken != null) {
                return new Credential.ApiToken(nonBlank(secrets.apiToken, "--api-token"));
            }
            OAuthTokens o = java.util.Objects.requireNonNull(secrets.oauth);
            return new Credential.OAuth(o.accessToken == null ? "" : o.accessToken,
                    nonBlank(o.refreshToken, "--refresh-token"), null, baseUrl,
                    nonBlank(o.clientId, "--client-id"), nonBlank(o.clientSecret, "--client-secret"), null);
        }

        static String nonBlank(@Nullable String value, String option) {
            if (value == null || value.isBlank()) {
                throw new InvalidRequestException(option + " is empty");
            }
            return value.strip();
        }

        static String checkedUrl(String url) {
            try {
                return ConnectionSettingRules.httpUrl(url);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("--base-url '" + url + "' is not an http(s) URL");
            }
        }
    }

    /** {@code connections authorize}. */
    @Command(name = "authorize", mixinStandardHelpOptions = true,
            description = {"Connects a tenant's CRM by OAuth 2.0 in a browser: prints the CRM's consent URL, receives the",
                    "authorization code on a local callback (http://127.0.0.1:PORT/callback; register it with your",
                    "OAuth app), exchanges it for tokens and stores them encrypted. The secrets never reach the terminal."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:connected", "1:the CRM refused or nobody authorised in time (nothing stored)",
                    "2:bad input, or no database"})
    static class Authorize implements Callable<Integer> {

        @ParentCommand
        private ConnectionsCommand parent;

        @Spec
        private CommandSpec spec;

        @Option(names = "--tenant", required = true, paramLabel = "ID", description = "The tenant.")
        private String tenant;

        @Option(names = "--crm", required = true, paramLabel = "CRM", description = "salesforce, hubspot or pipedrive.")
        private String crm;

        @Option(names = "--base-url", paramLabel = "URL", description = "The CRM's (or a sandbox's) base URL.")
        private @Nullable String baseUrl;

        @Option(names = "--account", paramLabel = "REF", description = "The CRM's account id, if known.")
        private @Nullable String account;

        @Mixin
        private BrowserGrant browser;

        @Override
        public Integer call() throws Exception {
            CrmProviders crms = parent.root.session().bean(CrmProviders.class);
            CrmKind kind = crmKind(crms, crm);
            browser.check();
            Map<String, String> settings = settings(crms, kind, baseUrl, true);
            ConnectionRegistry registry = parent.root.session().bean(ConnectionRegistry.class);
            registry.requireTenant(tenant);
            var context = new ConnectionContext(new Connection(0, tenant, kind, account, Connection.Status.ACTIVE,
                    null, settings, java.time.Instant.now()));
            try {
                Credential.OAuth tokens = browser.await(spec, parent, context).credential();
                printAttached(spec, registry.attach(tenant, kind, account, settings, tokens), tenant, kind);
                return ExitCodes.OK;
            } catch (CrmUnavailableException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return ExitCodes.FAILED;
            }
        }
    }

    /** The options and the flow of an OAuth authorisation in a browser, shared by authorize and reauthorize. */
    static final class BrowserGrant {

        @Option(names = "--client-id", required = true, paramLabel = "ID", description = "OAuth client id.")
        private String clientId;

        @Option(names = "--client-secret", required = true, arity = "0..1", interactive = true, paramLabel = "SECRET",
                description = "OAuth client secret (asked for without echo when given no value).")
        private String clientSecret;

        @Option(names = "--scope", paramLabel = "SCOPES", description = "Scopes to ask for (space-separated).")
        private @Nullable String scope;

        @Option(names = "--port", paramLabel = "P", defaultValue = "0",
                description = "Port of the local callback; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
        private int port;

        @Option(names = "--timeout-s", paramLabel = "S", defaultValue = "300",
                description = "How long to wait for the browser. Default: ${DEFAULT-VALUE}.")
        private long timeoutSeconds;

        /** @throws InvalidRequestException naming the option out of range */
        void check() {
            if (port < 0 || port > 65_535 || timeoutSeconds < 1) {
                throw new InvalidRequestException("--port must be 0..65535 and --timeout-s at least 1");
            }
            Add.nonBlank(clientId, "--client-id");
            Add.nonBlank(clientSecret, "--client-secret");
        }

        /**
         * Prints the consent URL, waits for the browser and exchanges the code.
         *
         * @throws CrmUnavailableException when the CRM refused or nobody authorised in time
         */
        TokenGrant await(CommandSpec spec, ConnectionsCommand parent, ConnectionContext context) throws Exception {
            var provider = parent.root.session().bean(Connectors.class).provider(context.connection().crm());
            try (var flow = LoopbackAuthorization.listen(port)) {
                PrintWriter out = spec.commandLine().getOut();
                out.println("Open this URL in a browser and grant access:");
                out.println(flow.authorizationUrl(provider.authorizationUri(context), clientId, scope));
                out.flush();
                return flow.awaitTokens(provider.oauthEndpoint(context), clientId, clientSecret,
                        java.time.Duration.ofSeconds(timeoutSeconds), java.time.Clock.systemUTC());
            }
        }
    }

    /** {@code connections set-credentials <id>}. */
    @Command(name = "set-credentials", mixinStandardHelpOptions = true,
            description = {"Gives a connection new secrets in place (an API token, or OAuth client id, secret and",
                    "refresh token), keeping its record links, activity links and watermarks. A secret option given",
                    "without a value is asked for without echo. The CRM is asked first which account the new",
                    "secrets open: another account than the connection's is refused unless --allow-other-account.",
                    "A connection whose authorisation had failed is active again."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:stored", "1:the CRM refused the new secrets or could not be reached (nothing stored)",
                    IN_PLACE_REFUSED})
    static class SetCredentials implements Callable<Integer> {

        @ParentCommand
        private ConnectionsCommand parent;

        @Spec
        private CommandSpec spec;

        @Mixin
        private InPlace target;

        @ArgGroup(exclusive = true, multiplicity = "1")
        private Add.Secrets secrets;

        @Override
        public Integer call() {
            ConnectionRegistry registry = parent.root.session().bean(ConnectionRegistry.class);
            // the connection's base URL is the OAuth instance URL until a refresh names one, as for 'add'
            Credential given = Add.credential(secrets, null);
            Connection connection = registry.replaceable(target.id, given instanceof Credential.OAuth);
            Credential candidate = Add.credential(secrets, connection.settings().get("baseUrl"));
            return replaced(spec, parent, connection, candidate instanceof Credential.OAuth, target.allowOtherAccount,
                    context -> parent.root.session().bean(CrmAccounts.class).identify(context, candidate));
        }
    }

    /** {@code connections reauthorize <id>}. */
    @Command(name = "reauthorize", mixinStandardHelpOptions = true,
            description = {"Gives a connection new OAuth 2.0 tokens in place by authorising in a browser, as",
                    "'connections authorize' does (prints the consent URL, receives the code on",
                    "http://127.0.0.1:PORT/callback), keeping its record links, activity links and watermarks.",
                    "The new tokens must open the connection's CRM account unless --allow-other-account."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:stored", "1:the CRM refused or nobody authorised in time (nothing stored)",
                    IN_PLACE_REFUSED})
    static class Reauthorize implements Callable<Integer> {

        @ParentCommand
        private ConnectionsCommand parent;

        @Spec
        private CommandSpec spec;

        @Mixin
        private InPlace target;

        @Mixin
        private BrowserGrant browser;

        @Override
        public Integer call() throws Exception {
            browser.check();
            Connection connection = parent.root.session().bean(ConnectionRegistry.class).replaceable(target.id, true);
            try {
                TokenGrant grant = browser.await(spec, parent, new ConnectionContext(connection));
                return replaced(spec, parent, connection, true, target.allowOtherAccount,
                        c -> parent.root.session().bean(CrmAccounts.class).identify(c, grant));
            } catch (CrmUnavailableException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return ExitCodes.FAILED;
            }
        }
    }

    /** The connection whose secrets set-credentials and reauthorize replace, and whether another account may come. */
    static final class InPlace {

        @Parameters(index = "0", paramLabel = "CONNECTION_ID")
        private long id;

        @Option(names = "--allow-other-account",
                description = "Accept secrets of another CRM account than the connection's, and record that account.")
        private boolean allowOtherAccount;
    }

    /**
     * Asks the CRM which account the new secrets open, then replaces the connection's secrets (and the settings their
     * kind needs, as the CRM's provider says) if it is the connection's account.
     */
    private static int replaced(CommandSpec spec, ConnectionsCommand parent, Connection connection, boolean oauth,
                                boolean allowOtherAccount,
                                java.util.function.Function<ConnectionContext, CrmAccounts.Identified> identify) {
        Map<String, String> settings = new LinkedHashMap<>(connection.settings());
        settings.putAll(parent.root.session().bean(CrmProviders.class).describe(connection.crm())
                .settingsFor(AuthMode.of(oauth)));
        ConnectionContext context = new ConnectionContext(new Connection(connection.id(), connection.tenantId(),
                connection.crm(), connection.accountRef(), connection.status(), connection.statusReason(), settings,
                connection.createdAt()));
        CrmAccounts.Identified identified;
        try {
            identified = identify.apply(context);
        } catch (CrmUnavailableException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage() + "; nothing was changed");
            return ExitCodes.FAILED;
        }
        Connection replaced = parent.root.session().bean(ConnectionRegistry.class).replaceCredentials(connection.id(),
                identified.credential(), settings, identified.id(), identified::is, allowOtherAccount);
        spec.commandLine().getOut().printf("connection %d: new credentials for %s account %s, %s%n", replaced.id(),
                replaced.crm().id(), replaced.accountRef(), replaced.status().dbValue());
        return ExitCodes.OK;
    }

    private static void printAttached(CommandSpec spec, ConnectionRegistry.Attached attached, String tenant,
                                      CrmKind kind) {
        spec.commandLine().getOut().printf("connection %d: tenant %s, %s, active%s%n", attached.id(), tenant,
                kind.id(), attached.reattached() ? " (reattached: its links and watermarks are kept)" : "");
    }

    /** {@code connections list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists connections and their status.",
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:listed", "2:bad usage or no database"})
    static class ListConnections implements Callable<Integer> {

        @ParentCommand
        private ConnectionsCommand parent;

        @Spec
        private CommandSpec spec;

        @Option(names = "--tenant", paramLabel = "ID", description = "Only this tenant's connections.")
        private @Nullable String tenant;

        @Option(names = "--json", description = "Print a JSON array of objects, each with an id.")
        private boolean json;

        @Override
        public Integer call() {
            List<Connection> connections = parent.root.session().bean(ConnectionStore.class).list(tenant);
            Map<Long, String> credentials = parent.root.session().bean(CredentialStore.class).describeAll();
            if (json) {
                Json.printArray(spec.commandLine().getOut(), connections.stream().map(c -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", c.id());
                    m.put("tenant", c.tenantId());
                    m.put("crm", c.crm().id());
                    m.put("account", c.accountRef());
                    m.put("status", c.status().dbValue());
                    m.put("statusReason", c.statusReason());
                    m.put("credentials", credentials.get(c.id()));
                    m.put("settings", c.settings());
                    return m;
                }).toList());
            } else {
                Table table = new Table("ID", "TENANT", "CRM", "ACCOUNT", "STATUS", "CREDENTIALS", "REASON");
                connections.forEach(c -> table.row(c.id(), c.tenantId(), c.crm().id(), c.accountRef(),
                        c.status().dbValue(), credentials.getOrDefault(c.id(), "none"), c.statusReason()));
                table.print(spec.commandLine().getOut());
            }
            return ExitCodes.OK;
        }
    }

    /** {@code connections test <id>}. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Checks a connection end to end: opens it with its stored credentials (refreshing an OAuth",
                    "token if needed), describes its contact object and reports the API budget. A connection whose",
                    "authorisation was revoked is marked auth_failed."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the CRM answered", "1:the CRM refused or could not be reached (the line says why)",
                    "2:no such connection, bad usage or no database"})
    static class Test implements Callable<Integer> {
        @ParentCommand
        private ConnectionsCommand parent;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "CONNECTION_ID")
        private long id;

        @Override
        public Integer call() {
            ConnectionRegistry registry = parent.root.session().bean(ConnectionRegistry.class);
            Connection connection = registry.existing(id);
            try {
                CrmConnector connector = parent.root.session().bean(Connectors.class).open(connection);
                ObjectDescription contact = connector.describe(ObjectType.CONTACT);
                ApiBudget budget = connector.budget();
                spec.commandLine().getOut().printf("connection %d: ok, %s has %d fields; API budget %d of %d used%n",
                        id, contact.crmName(), contact.fields().size(), budget.used(), budget.limit());
                return ExitCodes.OK;
            } catch (CrmUnavailableException e) {
                if (e.reason() == CrmUnavailableException.Reason.AUTH_REVOKED) {
                    registry.markAuthFailed(id, e.getMessage());
                }
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return ExitCodes.FAILED;
            }
        }
    }

    /** {@code connections set <id> KEY=VALUE... [--unset KEY]...}. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Changes a connection's non-secret settings; the next run uses them. Every pair is checked",
                    "first: an unknown key, a key of another CRM or a bad value changes nothing.",
                    "Keys: baseUrl, createContactsInCrm (true|false), activityLogging (per-email|per-event),",
                    "followUpTasks (true|false), readTimeoutSeconds (1..600), dailyShare (Salesforce, Pipedrive),",
                    "writeConcurrency (HubSpot, Pipedrive),",
                    "requestsPerSecond, searchIndexLag, subscriptionId, idProperty.<object>, properties.<object> (HubSpot),",
                    "auth, oauthBaseUrl, activityType, externalIdField.<entity> (Pipedrive)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:stored", "2:no such connection, a bad pair (nothing stored), or no database"})
    static class SetSettings implements Callable<Integer> {
        @ParentCommand
        private ConnectionsCommand parent;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "CONNECTION_ID")
        private long id;
        @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Settings to set.")
        private List<String> pairs = new java.util.ArrayList<>();
        @Option(names = "--unset", paramLabel = "KEY", description = "A setting to remove (repeatable).")
        private List<String> unset = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            if (pairs.isEmpty() && unset.isEmpty()) {
                throw new InvalidRequestException("give at least one KEY=VALUE or --unset KEY");
            }
            ConnectionRegistry registry = parent.root.session().bean(ConnectionRegistry.class);
            Connection connection = registry.existing(id);
            var rules = new ConnectionSettingRules(parent.root.session().bean(CrmProviders.class));
            Map<String, String> settings = new java.util.TreeMap<>(connection.settings());
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new InvalidRequestException("'" + pair + "' is not KEY=VALUE");
                }
                String key = pair.substring(0, eq).strip();
                settings.put(key, rules.checked(connection.crm(), key, pair.substring(eq + 1)));
            }
            for (String key : unset) {
                rules.requireKnown(key);
                settings.remove(key);
            }
            parent.root.session().bean(ConnectionStore.class).replaceSettings(id, settings);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("connection %d: settings %s%n", id, settings);
            return ExitCodes.OK;
        }
    }

    /** {@code connections enable <id>}. */
    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Syncs a disabled connection again.",
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:enabled", "2:no such connection or no database"})
    static class Enable implements Callable<Integer> {
        @ParentCommand
        private ConnectionsCommand parent;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "CONNECTION_ID")
        private long id;

        @Override
        public Integer call() {
            return printed(spec, parent.root.session().bean(ConnectionRegistry.class).enable(id));
        }
    }

    /** {@code connections disable <id>}. */
    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Pauses a connection: jobs skip it; its credentials and links are kept.",
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:disabled", "2:no such connection or no database"})
    static class Disable implements Callable<Integer> {
        @ParentCommand
        private ConnectionsCommand parent;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "CONNECTION_ID")
        private long id;
        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the next operator.")
        private @Nullable String reason;

        @Override
        public Integer call() {
            return printed(spec, parent.root.session().bean(ConnectionRegistry.class)
                    .disable(id, reason == null ? "disabled by an operator" : reason));
        }
    }

    /** {@code connections disconnect <id>}. */
    @Command(name = "disconnect", mixinStandardHelpOptions = true,
            description = "Stops syncing a connection for good and deletes its credentials; its history stays.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:disconnected", "2:no such connection or no database"})
    static class Disconnect implements Callable<Integer> {
        @ParentCommand
        private ConnectionsCommand parent;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "CONNECTION_ID")
        private long id;

        @Override
        public Integer call() {
            return printed(spec, parent.root.session().bean(ConnectionRegistry.class).disconnect(id));
        }
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
    static Map<String, String> settings(CrmProviders crms, CrmKind kind, @Nullable String baseUrl, boolean oauth) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (baseUrl != null) {
            settings.put("baseUrl", Add.checkedUrl(baseUrl));
        }
        settings.putAll(crms.describe(kind).settingsFor(AuthMode.of(oauth)));
        return settings;
    }

    private static int printed(CommandSpec spec, Connection c) {
        spec.commandLine().getOut().printf("connection %d: tenant %s, %s, %s%n", c.id(), c.tenantId(), c.crm().id(),
                c.status().dbValue());
        return ExitCodes.OK;
    }
}
