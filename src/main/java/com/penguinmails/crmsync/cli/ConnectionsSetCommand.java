package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.admin.ConnectionSettings;
import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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
                "auth, oauthBaseUrl, activityType, externalIdField.<entity> (Pipedrive),",
                "direction (inbound|outbound|both), objects (e.g. contact,lead,company: what the CRM has),",
                "createContactsFromLists (PenguinMails list ids: create only their members). Audited as cli:<user>."},
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
        Connection connection = bean(ConnectionRegistry.class).existing(id);
        Map<String, @Nullable String> changes = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidRequestException("'" + pair + "' is not KEY=VALUE");
            }
            changes.put(pair.substring(0, eq).strip(), pair.substring(eq + 1));
        }
        unset.forEach(key -> changes.put(key, null));
        Map<String, String> settings = bean(ConnectionSettings.class).change(Actor.cli(), connection, changes);
        out().printf("connection %d: settings %s%n", id, settings);
        return ExitCodes.OK;
    }
}
