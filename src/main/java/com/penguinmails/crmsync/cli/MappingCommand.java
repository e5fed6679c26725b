package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.admin.ConnectionFieldMapEditor;
import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.core.ConflictPolicy;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.mapping.ConnectionFieldMaps;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldMapValidator;
import com.penguinmails.crmsync.mapping.FieldProblem;
import com.penguinmails.crmsync.mapping.FieldRule;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mapping}: a connection's field map, its CRM's default with the connection's overrides. */
@Command(name = "mapping", mixinStandardHelpOptions = true,
        description = "A connection's field map: the CRM's default (jobs/mappings/<crm>.yml) with the connection's "
                + "overrides, which replace the default rule of the same CRM field or add one.",
        subcommands = {MappingCommand.Show.class, MappingCommand.SetRule.class, MappingCommand.UnsetRule.class,
                MappingCommand.Validate.class})
class MappingCommand {

    @ParentCommand
    CrmSyncCommand root;

    Connection connection(long id) {
        return root.session().bean(ConnectionRegistry.class).existing(id);
    }

    /** The effective maps, or exit 1 naming the stored override that cannot be read. */
    Map<ObjectType, FieldMap> effective(Connection connection) {
        try {
            return root.session().bean(ConnectionFieldMaps.class).forConnection(connection);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage() + "; replace it with 'mapping set' or remove it with "
                    + "'mapping unset'", e);
        }
    }

    /** The effective map as entries, or exit 1 naming the stored override that cannot be read. */
    List<ConnectionFieldMapEditor.Entry> effectiveEntries(Connection connection) {
        try {
            return root.session().bean(ConnectionFieldMapEditor.class).effective(connection);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage() + "; replace it with 'mapping set' or remove it with "
                    + "'mapping unset'", e);
        }
    }

    /** {@code mapping show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Prints the field map a connection syncs with, marking the rules its overrides set.",
                    "SOURCE is default, override (replaces the default rule of that CRM field) or added (a CRM "
                            + "field the default does not map)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:printed", "1:a stored override cannot be read (the line names it)",
                    "2:no such connection, bad usage or no database"})
    static class Show implements Callable<Integer> {
        @ParentCommand
        private MappingCommand parent;
        @Spec
        private CommandSpec spec;
        @Option(names = "--connection", required = true, paramLabel = "ID", description = "The connection.")
        private long connectionId;
        @Option(names = "--object", paramLabel = "TYPE", description = "Only this object type (CONTACT, LEAD, "
                + "COMPANY, DEAL).")
        private @Nullable ObjectType object;
        @Option(names = "--json", description = "Print a JSON array of objects, each with an id (OBJECT:crmField).")
        private boolean json;

        @Override
        public Integer call() {
            Connection connection = parent.connection(connectionId);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ConnectionFieldMapEditor.Entry entry : parent.effectiveEntries(connection)) {
                if (object != null && object != entry.object()) {
                    continue;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", entry.object() + ":" + entry.crmField());
                row.put("object", entry.object().name());
                row.put("crmField", entry.crmField());
                row.put("pmField", entry.pmField());
                row.put("direction", entry.direction());
                row.put("policy", entry.conflictPolicy().name());
                row.put("transforms", entry.transforms());
                row.put("source", entry.source());
                rows.add(row);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Json.printArray(out, rows);
                return ExitCodes.OK;
            }
            Table table = new Table("OBJECT", "CRM FIELD", "PM FIELD", "DIRECTION", "POLICY", "TRANSFORMS", "SOURCE");
            rows.forEach(r -> table.row(r.get("object"), r.get("crmField"), r.get("pmField"), r.get("direction"),
                    r.get("policy"), String.join(", ", castList(r.get("transforms"))), r.get("source")));
            out.printf("connection %d (tenant %s, %s)%n", connection.id(), connection.tenantId(),
                    connection.crm().id());
            table.print(out);
            return ExitCodes.OK;
        }

        @SuppressWarnings("unchecked")
        private static List<String> castList(@Nullable Object list) {
            return list == null ? List.of() : (List<String>) list;
        }
    }

    /** {@code mapping set}. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Overrides one rule of a connection's field map; the next run uses it.",
                    "Maps CRM field --crm-field to PenguinMails field --pm-field (email, first_name, last_name, "
                            + "phone, job_title, company_name, company_domain, unsubscribed, bounced, bounce_reason, "
                            + "lead_score, tags, company_id (the CRM id of the person's company), or custom.<key>), "
                            + "replacing the default rule of that CRM field if "
                            + "there is one. The rule is checked before it is stored, and against the CRM's "
                            + "describe: the CRM field must exist there (and be writable if it syncs out).",
                    "Audited as field-map.changed by cli:<user>."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:stored",
                    "1:the CRM could not be reached to check the rule: nothing was stored",
                    "2:bad rule (unknown PenguinMails field, direction or transform; a CRM field the CRM does not "
                            + "have, or cannot write though it syncs out; the line names it), no such "
                            + "connection, bad usage or no database: nothing was stored"})
    static class SetRule implements Callable<Integer> {
        @ParentCommand
        private MappingCommand parent;
        @Spec
        private CommandSpec spec;
        @Option(names = "--connection", required = true, paramLabel = "ID", description = "The connection.")
        private long connectionId;
        @Option(names = "--object", required = true, paramLabel = "TYPE",
                description = "The object type: CONTACT, LEAD (Salesforce), COMPANY or DEAL.")
        private ObjectType object;
        @Option(names = "--crm-field", required = true, paramLabel = "NAME",
                description = "The CRM field's API name (Salesforce Phone or Foo__c, HubSpot property name, "
                        + "Pipedrive key or custom:<Field Name>).")
        private String crmField;
        @Option(names = "--pm-field", required = true, paramLabel = "NAME", description = "The PenguinMails field.")
        private String pmField;
        @Option(names = "--direction", paramLabel = "in|out|both", defaultValue = "both",
                description = "in (CRM to PenguinMails), out or both (default: ${DEFAULT-VALUE}).")
        private String direction;
        @Option(names = "--policy", paramLabel = "POLICY", defaultValue = "NEWEST_WINS",
                description = "Who wins when both sides changed the field: ${COMPLETION-CANDIDATES} "
                        + "(default: ${DEFAULT-VALUE}). Consent is stricter-wins whatever this says.")
        private ConflictPolicy policy;
        @Option(names = "--transform", paramLabel = "T",
                description = "A transform, applied inbound in the order given and reversed outbound; repeatable: "
                        + "trim, lower-case, email, e164:REGION, max-length:N, default:VALUE, instant, bool, "
                        + "primary-value, split:SEPARATOR (a multi-value text as a list, e.g. tags), domain (a web "
                        + "address as its host), or a picklist in YAML: '{picklist: {Customer: customer}}'.")
        private List<String> transforms = new ArrayList<>();

        @Override
        public Integer call() {
            Connection connection = parent.connection(connectionId);
            List<Object> specs = transforms.stream().map(SetRule::spec).toList();
            FieldRule rule;
            try {
                rule = parent.root.session().bean(ConnectionFieldMapEditor.class).put(Actor.cli(), connection,
                        new ConnectionFieldMapEditor.Change(object.name(), crmField, pmField, direction, policy.name(),
                                specs));
            } catch (CrmUnavailableException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage() + "; the rule is checked against the "
                        + "CRM before it is stored, so nothing was stored");
                return ExitCodes.FAILED;
            }
            String directionText = rule.direction().name().toLowerCase(Locale.ROOT);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("connection %d: %s.%s -> %s (%s, %s%s) stored; the next run uses it%n", connectionId, object,
                    rule.crmField(), rule.pmField(), directionText, rule.policy(),
                    rule.transforms().isEmpty() ? "" : ", " + String.join(", ", rule.transforms()));
            parent.effective(connection).get(object).rules().stream()
                    .filter(r -> r.pmField().equals(rule.pmField()) && !r.crmField().equals(rule.crmField()))
                    .forEach(r -> out.printf("note: %s is also mapped from %s.%s%n", rule.pmField(), object,
                            r.crmField()));
            out.printf("checked against %s's describe; 'mapping validate --connection %d' checks the whole map%n",
                    connection.crm().id(), connectionId);
            return ExitCodes.OK;
        }

        /** A transform as a field map writes it: a name, or a YAML map for a picklist. */
        private static Object spec(String text) {
            String trimmed = text.trim();
            if (!trimmed.startsWith("{")) {
                return trimmed;
            }
            try {
                Object parsed = new Yaml().load(trimmed);
                if (parsed instanceof Map<?, ?>) {
                    return parsed;
                }
            } catch (YAMLException e) {
                // reported below
            }
            throw new InvalidRequestException("--transform '" + text + "' is not a YAML map such as "
                    + "'{picklist: {Customer: customer}}'; nothing was stored");
        }
    }

    /** {@code mapping unset}. */
    @Command(name = "unset", mixinStandardHelpOptions = true,
            description = "Removes a connection's override of one CRM field; the default rule, if any, applies again.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:removed", "2:no such override or connection, bad usage or no database"})
    static class UnsetRule implements Callable<Integer> {
        @ParentCommand
        private MappingCommand parent;
        @Spec
        private CommandSpec spec;
        @Option(names = "--connection", required = true, paramLabel = "ID", description = "The connection.")
        private long connectionId;
        @Option(names = "--object", required = true, paramLabel = "TYPE", description = "The object type.")
        private ObjectType object;
        @Option(names = "--crm-field", required = true, paramLabel = "NAME", description = "The CRM field.")
        private String crmField;

        @Override
        public Integer call() {
            Connection connection = parent.connection(connectionId);
            if (!parent.root.session().bean(ConnectionFieldMapEditor.class).remove(Actor.cli(), connection, object,
                    crmField.trim())) {
                throw new InvalidRequestException("connection " + connectionId + " has no override of " + object
                        + "." + crmField.trim() + " (see 'mapping show --connection " + connectionId + "')");
            }
            spec.commandLine().getOut().printf("connection %d: override of %s.%s removed%n", connectionId, object,
                    crmField.trim());
            return ExitCodes.OK;
        }
    }

    /** {@code mapping validate}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Checks a connection's field map against the CRM and names every problem.",
                    "Describes each mapped object and prints, one line each, every CRM field that does not exist, "
                            + "cannot be written though it syncs out, or holds values of another kind than its "
                            + "PenguinMails field, with what to do."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:no problems", "1:problems found (one line each), a stored override cannot be read, or "
                    + "the CRM refused or could not be reached", "2:no such connection, bad usage or no database"})
    static class Validate implements Callable<Integer> {
        @ParentCommand
        private MappingCommand parent;
        @Spec
        private CommandSpec spec;
        @Option(names = "--connection", required = true, paramLabel = "ID", description = "The connection.")
        private long connectionId;

        @Override
        public Integer call() {
            Connection connection = parent.connection(connectionId);
            Map<ObjectType, FieldMap> maps = parent.effective(connection);
            PrintWriter out = spec.commandLine().getOut();
            int problems = 0;
            int fields = 0;
            try {
                CrmConnector connector = parent.root.session().bean(Connectors.class).open(connection);
                for (FieldMap map : maps.values()) {
                    fields += map.rules().size();
                    for (FieldProblem problem : FieldMapValidator.validate(map, connector.describe(map.type()))) {
                        out.printf("%s.%s %s%n", map.type(), problem.field(), problem.reason());
                        problems++;
                    }
                }
            } catch (CrmUnavailableException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return ExitCodes.FAILED;
            }
            out.printf("connection %d (%s): %d fields of %s checked, %s%n", connectionId, connection.crm().id(),
                    fields, maps.keySet(), problems == 0 ? "no problems" : problems + " problem(s)");
            return problems == 0 ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }
}
