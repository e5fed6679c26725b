package com.penguinmails.crmsync.store;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.InvalidRequestException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code crm_sync.connections}: which tenant is linked to which CRM account, and whether it is synced. */
@Repository
public class ConnectionStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> SETTINGS = new TypeReference<>() { };

    private final JdbcClient jdbc;

    public ConnectionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds an active connection and returns its id.
     *
     * @throws InvalidRequestException when the tenant already has a live connection to that CRM account (naming it
     *                                 and {@code connections set-credentials}, which gives it new secrets in place)
     */
    public long add(String tenantId, CrmKind crm, @Nullable String accountRef, Map<String, String> settings) {
        requireNotConnected(tenantId, crm, accountRef);
        try {
            return jdbc.sql("""
                            INSERT INTO crm_sync.connections (tenant_id, crm, account_ref, settings)
                            VALUES (:tenant, :crm, :account, CAST(:settings AS jsonb))
                            RETURNING id""")
                    .param("tenant", tenantId)
                    .param("crm", crm.id())
                    .param("account", accountRef, java.sql.Types.VARCHAR)
                    .param("settings", JSON.writeValueAsString(new LinkedHashMap<>(settings)))
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw alreadyConnected(tenantId, crm, accountRef);
        }
    }

    /** @throws InvalidRequestException naming the tenant's live connection to that CRM account, if it has one */
    public void requireNotConnected(String tenantId, CrmKind crm, @Nullable String accountRef) {
        jdbc.sql("""
                        SELECT id::text FROM crm_sync.connections
                        WHERE tenant_id = :tenant AND crm = :crm AND coalesce(account_ref, '') = :account
                          AND status <> 'disconnected'
                        ORDER BY id LIMIT 1""")
                .param("tenant", tenantId).param("crm", crm.id()).param("account", accountRef == null ? "" : accountRef)
                .query(String.class).optional().ifPresent(live -> {
                    throw alreadyConnected(tenantId, crm, accountRef, live);
                });
    }

    private static InvalidRequestException alreadyConnected(String tenantId, CrmKind crm, @Nullable String accountRef) {
        return alreadyConnected(tenantId, crm, accountRef, "ID");
    }

    private static InvalidRequestException alreadyConnected(String tenantId, CrmKind crm, @Nullable String accountRef,
                                                            String live) {
        return new InvalidRequestException("tenant " + tenantId + " is already connected to this " + crm.id()
                + " account" + (accountRef == null ? "" : " (" + accountRef + ")") + " as connection " + live
                + "; give it new credentials with 'connections set-credentials " + live + "' or 'connections "
                + "reauthorize " + live + "'");
    }

    /**
     * The latest disconnected connection of the tenant to that CRM account (the same account ref, or none for both),
     * locked until the transaction ends: re-adding the account reattaches to it.
     */
    public Optional<Connection> findDisconnected(String tenantId, CrmKind crm, @Nullable String accountRef) {
        return jdbc.sql("""
                        SELECT * FROM crm_sync.connections
                        WHERE tenant_id = :tenant AND crm = :crm AND coalesce(account_ref, '') = :account
                          AND status = 'disconnected'
                        ORDER BY id DESC LIMIT 1 FOR UPDATE""")
                .param("tenant", tenantId).param("crm", crm.id()).param("account", accountRef == null ? "" : accountRef)
                .query(ConnectionStore::connection)
                .optional();
    }

    /**
     * Makes a disconnected connection active again with new settings: its record links, activity links and
     * watermarks, all keyed by its id, are used again.
     *
     * @throws InvalidRequestException when the tenant has meanwhile connected that account again
     */
    public void reattach(Connection disconnected, Map<String, String> settings) {
        requireNotConnected(disconnected.tenantId(), disconnected.crm(), disconnected.accountRef());
        try {
            jdbc.sql("""
                            UPDATE crm_sync.connections
                               SET status = 'active', status_reason = NULL, settings = CAST(:settings AS jsonb),
                                   updated_at = now()
                             WHERE id = :id AND status = 'disconnected'""")
                    .param("id", disconnected.id())
                    .param("settings", JSON.writeValueAsString(new java.util.TreeMap<>(settings)))
                    .update();
        } catch (DuplicateKeyException e) {
            throw alreadyConnected(disconnected.tenantId(), disconnected.crm(), disconnected.accountRef());
        }
    }

    /**
     * Records the CRM account a connection's credentials open.
     *
     * @throws InvalidRequestException when the tenant has another live connection to that account
     */
    public void setAccountRef(long id, String accountRef) {
        Connection connection = find(id).orElseThrow();
        requireNotConnected(connection.tenantId(), connection.crm(), accountRef);
        try {
            jdbc.sql("UPDATE crm_sync.connections SET account_ref = :account, updated_at = now() WHERE id = :id")
                    .param("id", id).param("account", accountRef).update();
        } catch (DuplicateKeyException e) {
            throw alreadyConnected(connection.tenantId(), connection.crm(), accountRef);
        }
    }

    public Optional<Connection> find(long id) {
        return jdbc.sql("SELECT * FROM crm_sync.connections WHERE id = :id")
                .param("id", id)
                .query(ConnectionStore::connection)
                .optional();
    }

    /** Connections of one tenant, or of every tenant when {@code tenantId} is null, by id. */
    public List<Connection> list(@Nullable String tenantId) {
        return jdbc.sql("""
                        SELECT * FROM crm_sync.connections
                        WHERE CAST(:tenant AS text) IS NULL OR tenant_id = :tenant
                        ORDER BY id""")
                .param("tenant", tenantId, java.sql.Types.VARCHAR)
                .query(ConnectionStore::connection)
                .list();
    }

    /**
     * Active connections of these tenants (all tenants when empty), or exactly these connections when given; a
     * connection paused for its API allocation ({@code quota_paused_until} in the future) is not active.
     */
    public List<Connection> active(java.util.Collection<String> tenantIds, java.util.Collection<Long> connectionIds) {
        return jdbc.sql("""
                        SELECT c.* FROM crm_sync.connections c
                        JOIN penguinmails.tenants t ON t.id = c.tenant_id AND t.status = 'active'
                        WHERE c.status = 'active'
                          AND (c.quota_paused_until IS NULL OR c.quota_paused_until <= now())
                          AND (cardinality(CAST(:tenants AS text[])) = 0 OR c.tenant_id = ANY(CAST(:tenants AS text[])))
                          AND (cardinality(CAST(:ids AS bigint[])) = 0 OR c.id = ANY(CAST(:ids AS bigint[])))
                        ORDER BY c.id""")
                .param("tenants", tenantIds.toArray(String[]::new))
                .param("ids", connectionIds.toArray(Long[]::new))
                .query(ConnectionStore::connection)
                .list();
    }

    /**
     * Whether the service and runs sync the connection now: it is active and not paused for its API allocation
     * ({@code quota_paused_until} in the future).
     */
    public boolean syncable(Connection connection) {
        return connection.active() && jdbc.sql("""
                        SELECT quota_paused_until IS NULL OR quota_paused_until <= now()
                        FROM crm_sync.connections WHERE id = :id""")
                .param("id", connection.id()).query(Boolean.class).optional().orElse(false);
    }

    /** The ids of the active connections of a CRM on one CRM account (a HubSpot portal id), by id. */
    public List<Long> activeOnAccount(CrmKind crm, String accountRef) {
        return jdbc.sql("""
                        SELECT id FROM crm_sync.connections
                        WHERE crm = :crm AND account_ref = :account AND status = 'active'
                        ORDER BY id""")
                .param("crm", crm.id()).param("account", accountRef)
                .query(Long.class)
                .list();
    }

    /** Replaces a connection's non-secret settings. */
    public void replaceSettings(long id, Map<String, String> settings) {
        jdbc.sql("UPDATE crm_sync.connections SET settings = CAST(:settings AS jsonb), updated_at = now() WHERE id = :id")
                .param("id", id)
                .param("settings", JSON.writeValueAsString(new java.util.TreeMap<>(settings)))
                .update();
    }

    public void setStatus(long id, Connection.Status status, @Nullable String reason) {
        jdbc.sql("""
                        UPDATE crm_sync.connections SET status = :status, status_reason = :reason, updated_at = now()
                        WHERE id = :id""")
                .param("id", id)
                .param("status", status.dbValue())
                .param("reason", reason, java.sql.Types.VARCHAR)
                .update();
    }

    private static Connection connection(ResultSet rs, int row) throws SQLException {
        return new Connection(rs.getLong("id"), rs.getString("tenant_id"), CrmKind.of(rs.getString("crm")),
                rs.getString("account_ref"), Connection.Status.fromDbValue(rs.getString("status")),
                rs.getString("status_reason"), JSON.readValue(rs.getString("settings"), SETTINGS),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
