package com.penguinmails.crmsync.connector.support;

import com.penguinmails.crmsync.core.SettingRule;

/** Connection settings several CRMs' providers take, worded once ({@link ApiGovernor}, {@link BoundedTasks}). */
public final class SharedSettingRules {

    private SharedSettingRules() {
    }

    /** {@code dailyShare}: the share of the CRM's daily quota the suite may spend. */
    public static SettingRule dailyShare() {
        return SettingRule.share("dailyShare", "share of the CRM's daily API quota the suite may spend (0 < x <= 1)");
    }

    /** {@code writeConcurrency}: API calls one write may have in flight. */
    public static SettingRule writeConcurrency() {
        return SettingRule.range("writeConcurrency", "API calls a write may have in flight (1..16; the rate limit "
                + "still applies)", 1, 16);
    }
}
