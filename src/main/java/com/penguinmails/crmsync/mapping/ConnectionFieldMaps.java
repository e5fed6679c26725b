package com.penguinmails.crmsync.mapping;

import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.store.FieldMappingStore;
import com.penguinmails.crmsync.store.FieldMappingStore.FieldOverride;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The field maps a connection syncs with: its CRM's defaults ({@code jobs/mappings/<crm>.yml}) with the connection's
 * overrides ({@code crm_sync.field_mappings}) replacing the default rule of the same CRM field, or added after them.
 */
@Component
public class ConnectionFieldMaps {

    private final FieldMappingStore overrides;

    public ConnectionFieldMaps(FieldMappingStore overrides) {
        this.overrides = overrides;
    }

    /**
     * The effective maps of a connection, per object type.
     *
     * @throws IllegalArgumentException when a stored override is not a valid rule; the message names the connection,
     *                                  object and field
     */
    public Map<ObjectType, FieldMap> forConnection(Connection connection) {
        Map<ObjectType, List<FieldRule>> byType = new LinkedHashMap<>();
        for (FieldOverride o : overrides.list(connection.id())) {
            byType.computeIfAbsent(o.objectType(), t -> new ArrayList<>())
                    .add(rule("connection " + connection.id() + " override " + o.objectType(), o));
        }
        Map<ObjectType, FieldMap> maps = new LinkedHashMap<>(FieldMapLoader.defaults(connection.crm()));
        byType.forEach((type, rules) -> maps.merge(type, new FieldMap(connection.crm(), type, rules),
                (defaults, added) -> defaults.with(added.rules())));
        return maps;
    }

    /** Parses an override the way a field map line is parsed, so its errors read the same. */
    public static FieldRule rule(String where, FieldOverride o) {
        return FieldMapLoader.rule(where, written(o.crmField(), o.pmField(), o.direction(), o.policy().name(),
                o.transforms()));
    }

    /** A rule in its written (field map) form. */
    public static Map<String, Object> written(String crmField, String pmField, String direction, String policy,
                                              List<?> transforms) {
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("crm", crmField);
        written.put("pm", pmField);
        written.put("direction", direction.toLowerCase(Locale.ROOT));
        written.put("policy", policy);
        written.put("transforms", transforms);
        return written;
    }
}
