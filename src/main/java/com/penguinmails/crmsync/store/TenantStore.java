package com.penguinmails.crmsync.store;

import com.penguinmails.crmsync.core.Tenant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads {@code penguinmails.tenants}. */
@Repository
public class TenantStore {

    private final JdbcClient jdbc;

    public TenantStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every tenant, ordered by id. */
    public List<Tenant> findAll() {
        return jdbc.sql("SELECT id, name, status, created_at FROM penguinmails.tenants ORDER BY id")
                .query(TenantStore::tenant)
                .list();
    }

    public Optional<Tenant> find(String id) {
        return jdbc.sql("SELECT id, name, status, created_at FROM penguinmails.tenants WHERE id = :id")
                .param("id", id)
                .query(TenantStore::tenant)
                .optional();
    }

    /** The ids among {@code ids} that name no tenant, in the order given. */
    public List<String> unknownIds(Collection<String> ids) {
        List<String> known = jdbc.sql("SELECT id FROM penguinmails.tenants WHERE id = ANY(CAST(:ids AS text[]))")
                .param("ids", ids.toArray(String[]::new))
                .query(String.class)
                .list();
        return ids.stream().filter(id -> !known.contains(id)).toList();
    }

    private static Tenant tenant(ResultSet rs, int row) throws SQLException {
        return new Tenant(rs.getString("id"), rs.getString("name"), rs.getString("status"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    /** Number of (not deleted) contacts of every tenant that has any, in one query. */
    public java.util.Map<String, Long> contactCounts() {
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.sql("SELECT tenant_id, count(*) FROM penguinmails.contacts WHERE deleted_at IS NULL GROUP BY tenant_id")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }
}
