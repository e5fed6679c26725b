package com.penguinmails.crmsync.store;

import com.penguinmails.crmsync.core.ConflictPolicy;
import com.penguinmails.crmsync.core.ObjectType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code crm_sync.field_mappings}: a connection's overrides of its CRM's default field map, one row per CRM field of
 * an object type. Rows are stored as written; {@code mapping.ConnectionFieldMaps} parses and checks them.
 */
@Repository
public class FieldMappingStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public FieldMappingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One override as written: {@code direction} is {@code in}, {@code out} or {@code both}; {@code transforms} are
     * transform specs as a field map writes them (strings such as {@code e164:US}, or {@code {picklist: {...}}} maps),
     * kept in the {@code transform} column as {@code {"transforms": [...]}}.
     */
    public record FieldOverride(long connectionId, ObjectType objectType, String crmField, String pmField,
                           String direction, ConflictPolicy policy, List<Object> transforms, Instant updatedAt) {

        public FieldOverride {
            transforms = List.copyOf(transforms);
        }
    }

    /** The overrides of a connection, by object type and CRM field. */
    public List<FieldOverride> list(long connectionId) {
        return jdbc.sql("""
                        SELECT connection_id, object_type, crm_field, pm_field, direction, conflict_policy,
                               transform::text, updated_at
                        FROM crm_sync.field_mappings WHERE connection_id = :connection
                        ORDER BY object_type, crm_field""")
                .param("connection", connectionId)
                .query(FieldMappingStore::fieldOverride)
                .list();
    }

    /** Stores an override, replacing the connection's rule for the same object type and CRM field. */
    public void replace(long connectionId, ObjectType objectType, String crmField, String pmField, String direction,
                        ConflictPolicy policy, List<?> transforms) {
        jdbc.sql("""
                        INSERT INTO crm_sync.field_mappings (connection_id, object_type, crm_field, pm_field, direction,
                                                             conflict_policy, transform)
                        VALUES (:connection, :type, :crm, :pm, :direction, :policy, CAST(:transform AS jsonb))
                        ON CONFLICT (connection_id, object_type, crm_field) DO UPDATE
                           SET pm_field = EXCLUDED.pm_field, direction = EXCLUDED.direction,
                               conflict_policy = EXCLUDED.conflict_policy, transform = EXCLUDED.transform,
                               updated_at = now()""")
                .param("connection", connectionId)
                .param("type", objectType.name())
                .param("crm", crmField)
                .param("pm", pmField)
                .param("direction", direction)
                .param("policy", policy.name())
                .param("transform", JSON.writeValueAsString(Map.of("transforms", transforms)))
                .update();
    }

    /** Deletes an override; whether there was one. */
    public boolean delete(long connectionId, ObjectType objectType, String crmField) {
        return jdbc.sql("""
                        DELETE FROM crm_sync.field_mappings
                        WHERE connection_id = :connection AND object_type = :type AND crm_field = :crm""")
                .param("connection", connectionId)
                .param("type", objectType.name())
                .param("crm", crmField)
                .update() > 0;
    }

    private static FieldOverride fieldOverride(ResultSet rs, int row) throws SQLException {
        Map<?, ?> transform = JSON.readValue(rs.getString(7), Map.class);
        List<Object> transforms = transform.get("transforms") instanceof List<?> list ? List.copyOf(list) : List.of();
        return new FieldOverride(rs.getLong(1), ObjectType.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), ConflictPolicy.valueOf(rs.getString(6)), transforms,
                rs.getObject(8, OffsetDateTime.class).toInstant());
    }
}
