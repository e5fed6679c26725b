package com.penguinmails.crmsync.admin;

import com.penguinmails.crmsync.admin.ConfigurationRefusedException.Problem;
import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.job.contactpush.OutboundWatermarkListener;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.store.ListMembershipStore;
import com.penguinmails.crmsync.store.SyncAuditStore;
import com.penguinmails.crmsync.store.WatermarkStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes a connection's non-secret settings for the API and the CLI: every key is checked by
 * {@link ConnectionSettingRules} (and list ids against the tenant's lists) before anything is stored; a change is
 * stored and audited ({@value #AUDIT_ACTION}, each key with its old and new value) in one transaction. A change of
 * the lists contacts are created from makes the next outbound run read the unlinked contacts again.
 */
@Service
public class ConnectionSettings {

    public static final String AUDIT_ACTION = "settings.changed";
    private static final String FROM_LISTS = "createContactsFromLists";

    private final ConnectionStore connections;
    private final SyncAuditStore audit;
    private final ListMembershipStore lists;
    private final ConnectionSettingRules rules;
    private final WatermarkStore watermarks;

    public ConnectionSettings(ConnectionStore connections, SyncAuditStore audit, ListMembershipStore lists,
                              CrmProviders crms, WatermarkStore watermarks) {
        this.connections = connections;
        this.watermarks = watermarks;
        this.audit = audit;
        this.lists = lists;
        this.rules = new ConnectionSettingRules(crms);
    }

    /**
     * Applies {@code changes} (a null value removes the key) to the connection's settings; the settings now.
     *
     * @throws ConfigurationRefusedException naming every bad key; nothing was stored
     */
    @Transactional
    public Map<String, String> change(Actor actor, Connection connection, Map<String, @Nullable String> changes) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> settings = new TreeMap<>(connection.settings());
        changes.forEach((key, value) -> {
            try {
                if (value == null) {
                    rules.requireKnown(key);
                    settings.remove(key);
                } else {
                    settings.put(key, rules.checked(connection.crm(), key, value));
                }
            } catch (InvalidRequestException e) {
                problems.add(new Problem(key, e.getMessage()));
            }
        });
        String listIds = settings.get(FROM_LISTS);
        if (changes.containsKey(FROM_LISTS) && listIds != null && !listIds.isEmpty()) {
            List<Long> missing = lists.missingLists(connection.tenantId(),
                    Arrays.stream(listIds.split(",")).map(Long::valueOf).toList());
            if (!missing.isEmpty()) {
                problems.add(new Problem(FROM_LISTS, "no PenguinMails list " + missing + " in tenant "
                        + connection.tenantId()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationRefusedException(problems);
        }
        Map<String, Map<String, @Nullable String>> changed = new TreeMap<>();
        for (String key : changes.keySet()) {
            String before = connection.settings().get(key);
            String after = settings.get(key);
            if (!Objects.equals(before, after)) {
                Map<String, @Nullable String> values = new LinkedHashMap<>();
                values.put("old", before);
                values.put("new", after);
                changed.put(key, values);
            }
        }
        if (!changed.isEmpty()) {
            connections.replaceSettings(connection.id(), settings);
            if (changed.containsKey(FROM_LISTS)) {
                // the next outbound run reads the unlinked contacts again, to create the members of the lists now named
                watermarks.forget(connection.tenantId(), connection.id(), OutboundWatermarkListener.CREATE_SCAN_STREAM);
            }
            audit.recordChange(actor, connection.tenantId(), connection.id(), AUDIT_ACTION, Map.of("changed", changed));
        }
        return settings;
    }
}
