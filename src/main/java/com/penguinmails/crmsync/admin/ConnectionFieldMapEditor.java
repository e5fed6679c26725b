package com.penguinmails.crmsync.admin;

import com.penguinmails.crmsync.admin.ConfigurationRefusedException.Problem;
import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.core.ConflictPolicy;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.ObjectDescription;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.mapping.ConnectionFieldMaps;
import com.penguinmails.crmsync.mapping.Direction;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldMapLoader;
import com.penguinmails.crmsync.mapping.FieldMapValidator;
import com.penguinmails.crmsync.mapping.FieldProblem;
import com.penguinmails.crmsync.mapping.FieldRule;
import com.penguinmails.crmsync.store.FieldMappingStore;
import com.penguinmails.crmsync.store.FieldMappingStore.FieldOverride;
import com.penguinmails.crmsync.store.SyncAuditStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads a connection's effective field map and changes its overrides for the API and the CLI: each override is
 * parsed as a field map line and checked against the CRM's describe ({@link FieldMapValidator}) before anything is
 * stored, problems named per field ({@code fieldMap[3].crmField}); a change is stored and audited
 * ({@value #AUDIT_ACTION}: the fields added, changed and removed) in one transaction, which the CRM's describe (a
 * call to the CRM) comes before.
 */
@Service
public class ConnectionFieldMapEditor {

    public static final String AUDIT_ACTION = "field-map.changed";

    private final FieldMappingStore overrides;
    private final ConnectionFieldMaps fieldMaps;
    private final Connectors connectors;
    private final SyncAuditStore audit;
    private final TransactionTemplate transactions;

    public ConnectionFieldMapEditor(FieldMappingStore overrides, ConnectionFieldMaps fieldMaps, Connectors connectors,
                                    SyncAuditStore audit, PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.overrides = overrides;
        this.fieldMaps = fieldMaps;
        this.connectors = connectors;
        this.audit = audit;
    }

    /**
     * One rule of the effective map; {@code source} is {@code default}, {@code override} (replaces the default rule
     * of that CRM field) or {@code added} (a CRM field the default does not map).
     */
    public record Entry(ObjectType object, String crmField, String pmField, String direction,
                        ConflictPolicy conflictPolicy, List<String> transforms, String source) {
    }

    /**
     * An override as given by a person: object type, CRM and PenguinMails fields, direction ({@code in}, {@code out},
     * {@code both}; both when null), conflict policy (NEWEST_WINS when null) and transforms as a field map writes
     * them. Texts are checked, not trusted.
     */
    public record Change(@Nullable String object, @Nullable String crmField, @Nullable String pmField,
                         @Nullable String direction, @Nullable String conflictPolicy, List<Object> transforms) {
    }

    /** A checked override, ready to store. */
    private record Checked(ObjectType object, FieldRule rule, List<Object> transforms) {
        String id() {
            return object + ":" + rule.crmField();
        }
    }

    /**
     * The effective map (defaults with overrides), per object type in the defaults' order.
     *
     * @throws IllegalArgumentException when a stored override is not a valid rule (the message names it)
     */
    public List<Entry> effective(Connection connection) {
        Map<ObjectType, FieldMap> defaults = FieldMapLoader.defaults(connection.crm());
        Set<String> overridden = new HashSet<>();
        overrides.list(connection.id()).forEach(o -> overridden.add(o.objectType() + ":" + o.crmField()));
        List<Entry> entries = new ArrayList<>();
        fieldMaps.forConnection(connection).forEach((type, map) -> {
            for (FieldRule rule : map.rules()) {
                String source = !overridden.contains(type + ":" + rule.crmField()) ? "default"
                        : defaults.containsKey(type) && defaults.get(type).rules().stream()
                        .anyMatch(r -> r.crmField().equals(rule.crmField())) ? "override" : "added";
                entries.add(new Entry(type, rule.crmField(), rule.pmField(),
                        rule.direction().name().toLowerCase(Locale.ROOT), rule.policy(), rule.transforms(), source));
            }
        });
        return entries;
    }

    /**
     * Replaces all the connection's overrides with {@code changes} (none: the defaults apply again).
     *
     * @throws ConfigurationRefusedException naming every problem; nothing was stored
     * @throws com.penguinmails.crmsync.connector.support.CrmUnavailableException when the CRM cannot be reached to
     *                                                                              describe its objects; nothing stored
     */
    public void replace(Actor actor, Connection connection, List<Change> changes) {
        List<Checked> checked = check(connection, changes, "fieldMap");
        transactions.executeWithoutResult(status -> {
            Map<String, FieldOverride> before = new TreeMap<>();
            overrides.list(connection.id()).forEach(o -> before.put(o.objectType() + ":" + o.crmField(), o));
            before.values().forEach(o -> overrides.delete(connection.id(), o.objectType(), o.crmField()));
            checked.forEach(c -> store(connection, c));
            auditChange(actor, connection, before, checked, before.keySet());
        });
    }

    /**
     * Adds or replaces one override ({@code mapping set}).
     *
     * @throws ConfigurationRefusedException naming the problems; nothing was stored
     */
    public FieldRule put(Actor actor, Connection connection, Change change) {
        Checked checked = check(connection, List.of(change), "rule").get(0);
        transactions.executeWithoutResult(status -> {
            Map<String, FieldOverride> before = new TreeMap<>();
            overrides.list(connection.id()).stream()
                    .filter(o -> (o.objectType() + ":" + o.crmField()).equals(checked.id()))
                    .forEach(o -> before.put(checked.id(), o));
            store(connection, checked);
            auditChange(actor, connection, before, List.of(checked), Set.of());
        });
        return checked.rule();
    }

    /** Removes one override ({@code mapping unset}); whether there was one. */
    @Transactional
    public boolean remove(Actor actor, Connection connection, ObjectType object, String crmField) {
        boolean removed = overrides.delete(connection.id(), object, crmField);
        if (removed) {
            audit.recordChange(actor, connection.tenantId(), connection.id(), AUDIT_ACTION,
                    Map.of("added", List.of(), "changed", List.of(), "removed", List.of(object + ":" + crmField)));
        }
        return removed;
    }

    private void store(Connection connection, Checked c) {
        overrides.replace(connection.id(), c.object(), c.rule().crmField(), c.rule().pmField(),
                c.rule().direction().name().toLowerCase(Locale.ROOT), c.rule().policy(), c.transforms());
    }

    /** Records what changed against {@code before}; {@code removable} are the ids absent from now that went away. */
    private void auditChange(Actor actor, Connection connection, Map<String, FieldOverride> before,
                             List<Checked> now, Set<String> removable) {
        List<String> added = new ArrayList<>();
        Map<String, Map<String, String>> changed = new TreeMap<>();
        Set<String> kept = new HashSet<>();
        for (Checked c : now) {
            kept.add(c.id());
            FieldOverride old = before.get(c.id());
            if (old == null) {
                added.add(c.id());
                continue;
            }
            Map<String, String> was = describe(old.pmField(), old.direction(), old.policy(), old.transforms());
            Map<String, String> is = describe(c.rule().pmField(), c.rule().direction().name(), c.rule().policy(),
                    c.transforms());
            if (!was.equals(is)) {
                Map<String, String> diff = new LinkedHashMap<>();
                is.forEach((k, v) -> {
                    if (!v.equals(was.get(k))) {
                        diff.put(k, was.get(k) + " -> " + v);
                    }
                });
                changed.put(c.id(), diff);
            }
        }
        List<String> removed = removable.stream().filter(id -> !kept.contains(id)).sorted().toList();
        if (added.isEmpty() && changed.isEmpty() && removed.isEmpty()) {
            return;
        }
        audit.recordChange(actor, connection.tenantId(), connection.id(), AUDIT_ACTION,
                Map.of("added", added, "changed", changed, "removed", removed));
    }

    private static Map<String, String> describe(String pmField, String direction, ConflictPolicy policy,
                                                List<?> transforms) {
        return Map.of("pmField", pmField, "direction", direction.toLowerCase(Locale.ROOT),
                "conflictPolicy", policy.name(), "transforms", String.valueOf(transforms));
    }

    /** Parses and checks every change, then each against its object's describe; all problems or the rules. */
    private List<Checked> check(Connection connection, List<Change> changes, String name) {
        Map<ObjectType, FieldMap> defaults = FieldMapLoader.defaults(connection.crm());
        List<Problem> problems = new ArrayList<>();
        Map<Integer, Checked> parsed = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < changes.size(); i++) {
            String at = changes.size() == 1 && name.equals("rule") ? "" : name + "[" + i + "].";
            Checked c = parse(changes.get(i), at, defaults.keySet(), problems, connection);
            if (c != null && !seen.add(c.id())) {
                problems.add(new Problem(at + "crmField", c.id() + " is mapped more than once"));
            } else if (c != null) {
                parsed.put(i, c);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationRefusedException(problems);
        }
        if (parsed.isEmpty()) {
            return List.of();
        }
        CrmConnector connector = connectors.open(connection);
        Map<ObjectType, ObjectDescription> described = new HashMap<>();
        parsed.forEach((i, c) -> {
            ObjectDescription description = described.computeIfAbsent(c.object(), connector::describe);
            String at = changes.size() == 1 && name.equals("rule") ? "" : name + "[" + i + "].";
            for (FieldProblem p : FieldMapValidator.validate(new FieldMap(connection.crm(), c.object(),
                    List.of(c.rule())), description)) {
                problems.add(new Problem(at + "crmField", c.object() + "." + p.field() + " " + p.reason()));
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigurationRefusedException(problems);
        }
        return List.copyOf(parsed.values());
    }

    private static @Nullable Checked parse(Change change, String at, Set<ObjectType> mappable, List<Problem> problems,
                                           Connection connection) {
        int before = problems.size();
        ObjectType object = null;
        if (blank(change.object())) {
            problems.add(new Problem(at + "object", "required: one of " + mappable));
        } else {
            object = Arrays.stream(ObjectType.values())
                    .filter(t -> t.name().equalsIgnoreCase(change.object().strip())).findFirst().orElse(null);
            if (object == null || !mappable.contains(object)) {
                problems.add(new Problem(at + "object", "'" + change.object() + "': " + connection.crm().id()
                        + " maps no such object; mappable: " + mappable));
            }
        }
        if (blank(change.crmField())) {
            problems.add(new Problem(at + "crmField", "required: the CRM field's API name"));
        }
        if (blank(change.pmField())) {
            problems.add(new Problem(at + "pmField", "required: the PenguinMails field"));
        }
        String direction = blank(change.direction()) ? "both" : Objects.requireNonNull(change.direction());
        try {
            Direction.parse(direction);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(at + "direction", e.getMessage()));
        }
        String policy = blank(change.conflictPolicy()) ? ConflictPolicy.NEWEST_WINS.name()
                : Objects.requireNonNull(change.conflictPolicy()).strip().toUpperCase(Locale.ROOT);
        if (Arrays.stream(ConflictPolicy.values()).noneMatch(p -> p.name().equals(policy))) {
            problems.add(new Problem(at + "conflictPolicy", "'" + change.conflictPolicy() + "' is not one of "
                    + Arrays.toString(ConflictPolicy.values())));
        }
        if (problems.size() > before || object == null) {
            return null;
        }
        try {
            FieldRule rule = FieldMapLoader.rule(object.name(), ConnectionFieldMaps.written(
                    Objects.requireNonNull(change.crmField()).strip(), Objects.requireNonNull(change.pmField()).strip(),
                    direction, policy, change.transforms()));
            return new Checked(object, rule, change.transforms());
        } catch (IllegalArgumentException e) {
            boolean pm = e.getMessage() != null && e.getMessage().contains("PenguinMails field");
            problems.add(new Problem(at + (pm || change.transforms().isEmpty() ? "pmField" : "transforms"),
                    e.getMessage()));
            return null;
        }
    }

    private static boolean blank(@Nullable String text) {
        return text == null || text.isBlank();
    }
}
