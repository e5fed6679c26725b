package com.penguinmails.crmsync.store;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code crm_sync.api_usage}: API calls spent per connection per day, with the quota the CRM last reported. */
@Repository
public class ApiUsageStore {

    private final JdbcClient jdbc;

    public ApiUsageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds {@code calls} to a connection's day and records the quota as last seen. */
    public void add(long connectionId, LocalDate day, long calls, @Nullable Long quotaLimit,
                    @Nullable Long quotaRemaining) {
        jdbc.sql("""
                        INSERT INTO crm_sync.api_usage (connection_id, usage_date, calls, quota_limit, quota_remaining)
                        VALUES (:c, :d, :calls, :limit, :remaining)
                        ON CONFLICT (connection_id, usage_date) DO UPDATE
                           SET calls = crm_sync.api_usage.calls + EXCLUDED.calls,
                               quota_limit = coalesce(EXCLUDED.quota_limit, crm_sync.api_usage.quota_limit),
                               quota_remaining = coalesce(EXCLUDED.quota_remaining, crm_sync.api_usage.quota_remaining),
                               updated_at = now()""")
                .param("c", connectionId).param("d", day).param("calls", (int) Math.min(Integer.MAX_VALUE, calls))
                .param("limit", quotaLimit == null ? null : (int) Math.min(Integer.MAX_VALUE, quotaLimit),
                        java.sql.Types.INTEGER)
                .param("remaining", quotaRemaining == null ? null : (int) Math.min(Integer.MAX_VALUE, quotaRemaining),
                        java.sql.Types.INTEGER)
                .update();
    }
}
