package com.penguinmails.crmsync.admin;

import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.core.SettingRule;
import com.penguinmails.crmsync.core.SyncDirection;
import com.penguinmails.crmsync.core.SyncFrequency;
import com.penguinmails.crmsync.core.SyncObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The connection settings a person may change ({@code connections set}, the API's settings): the common ones, which every CRM's
 * connections take, and each CRM's own, which its provider declares. A value that does not fit is refused with a
 * message naming the key, before anything is stored.
 */
public final class ConnectionSettingRules {

    private static final List<SettingRule> COMMON = List.of(
            SettingRule.url("baseUrl", "API base URL"),
            SettingRule.bool("createContactsInCrm", "contact-sync creates PenguinMails-only contacts in the CRM "
                    + "(true|false)"),
            SettingRule.oneOf("activityLogging", "engagement-sync: per-email (one activity per e-mail) or per-event",
                    "per-email", "per-event"),
            SettingRule.bool("followUpTasks", "engagement-sync: a reply makes an open follow-up task (true|false)"),
            SettingRule.range("readTimeoutSeconds", "seconds a request waits for the CRM's answer (1..600)", 1, 600),
            SettingRule.oneOf(SyncFrequency.SETTING, "how often the scheduled contact-sync runs sync it (15m, 1h, 4h, "
                    + "1d)", "15m", "1h", "4h", "1d"),
            SettingRule.oneOf(SyncDirection.SETTING, "which way the connection syncs: inbound, outbound or both",
                    SyncDirection.allowed()),
            SettingRule.idList("createContactsFromLists", "with createContactsInCrm, create only the members of "
                    + "these PenguinMails lists (comma-separated list ids; empty for all contacts)"));

    private final CrmProviders crms;

    public ConnectionSettingRules(CrmProviders crms) {
        this.crms = crms;
    }

    /** The value to store for {@code key} on a connection of {@code crm}; refuses unknown keys and bad values. */
    public String checked(CrmKind crm, String key, String value) {
        SettingRule rule = applying(crm, key).orElseGet(() -> {
            requireKnown(key);
            throw new InvalidRequestException("setting '" + key + "' does not apply to " + crm.id() + " connections");
        });
        try {
            return rule.check().apply(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("setting '" + key + "': " + e.getMessage() + " (" + rule.meaning() + ")");
        }
    }

    /** Refuses a key no rule knows, naming the keys there are. */
    public void requireKnown(String key) {
        if (all().stream().noneMatch(rule -> rule.matches(key))) {
            throw new InvalidRequestException("unknown setting '" + key + "'; known: "
                    + String.join(", ", all().stream().map(SettingRule::shownKey).distinct().toList()));
        }
    }

    /** The rule for {@code key} on a connection of {@code crm}: a common one, else the CRM's own. */
    private Optional<SettingRule> applying(CrmKind crm, String key) {
        List<SettingRule> rules = new ArrayList<>(COMMON);
        try {
            rules.add(SyncObjects.rule(crms.describe(crm)));
            rules.addAll(crms.describe(crm).settingRules());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        return rules.stream().filter(rule -> rule.matches(key)).findFirst();
    }

    /** The common rules, then every registered CRM's. */
    private List<SettingRule> all() {
        List<SettingRule> rules = new ArrayList<>(COMMON);
        crms.all().forEach(crm -> {
            rules.add(SyncObjects.rule(crm));
            rules.addAll(crm.settingRules());
        });
        return rules;
    }
}
