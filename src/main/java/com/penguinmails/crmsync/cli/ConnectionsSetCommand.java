package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code connections set <id> KEY=VALUE... [--unset KEY]...}. */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Changes a connection's non-secret settings; the next run uses them. Every pair is checked",
                "first: an unknown key, a key of another CRM or a bad value changes nothing.",
                "Keys: baseUrl, createContactsInCrm (true|false), activityLogging (per-email|per-event),",
                "followUpTasks (true|false), readTimeoutSeconds (1..600), dailyShare (0 < x <= 1),",
                "syncFrequency (15m|1h|4h|1d: how often the scheduled contact-sync runs sync it),",
                "writeConcurrency (HubSpot, Pipedrive),",
                "requestsPerSecond, searchIndexLag, subscriptionId, idProperty.<object>, properties.<object> (HubSpot),",
                "auth, oauthBaseUrl, activityType, externalIdField.<entity> (Pipedrive)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stored", "2:no such connection, a bad pair (nothing stored), or no database"})
final class ConnectionsSetCommand extends ConnectionIdSubcommand {

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Settings to set.")
    private List<String> pairs = new ArrayList<>();

    @Option(names = "--unset", paramLabel = "KEY", description = "A setting to remove (repeatable).")
    private List<String> unset = new ArrayList<>();

    @Override
    public Integer call() {
        if (pairs.isEmpty() && unset.isEmpty()) {
            throw new InvalidRequestException("give at least one KEY=VALUE or --unset KEY");
        }
        ConnectionRegistry registry = bean(ConnectionRegistry.class);
        Connection connection = registry.existing(id);
        var rules = new ConnectionSettingRules(bean(CrmProviders.class));
        Map<String, String> settings = new TreeMap<>(connection.settings());
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
        List<String> changed = new ArrayList<>(pairs.stream().map(p -> p.substring(0, p.indexOf('=')).strip()).toList());
        changed.addAll(unset);
        registry.changeSettings(Actor.cli(), id, settings, "connection.settings-changed",
                Map.of("settings", List.copyOf(new java.util.TreeSet<>(changed))));
        out().printf("connection %d: settings %s%n", id, settings);
        return ExitCodes.OK;
    }
}
