package com.penguinmails.crmsync.store;

import com.penguinmails.crmsync.core.EventType;
import com.penguinmails.crmsync.core.LeadScoreModel;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code crm_sync.lead_score_settings}: a tenant's own lead-score weights and half-life, when it has set them. */
@Repository
public class LeadScoreModelStore {

    private static final TypeReference<Map<String, Double>> WEIGHTS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public LeadScoreModelStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<LeadScoreModel> find(String tenantId) {
        return jdbc.sql("SELECT weights::text, half_life_days FROM crm_sync.lead_score_settings WHERE tenant_id = :t")
                .param("t", tenantId)
                .query((rs, n) -> new LeadScoreModel(weights(rs.getString(1)), rs.getDouble(2)))
                .optional();
    }

    public void save(String tenantId, LeadScoreModel model) {
        Map<String, Double> weights = new java.util.TreeMap<>();
        model.weights().forEach((type, weight) -> weights.put(type.dbValue(), weight));
        jdbc.sql("""
                        INSERT INTO crm_sync.lead_score_settings (tenant_id, weights, half_life_days)
                        VALUES (:t, CAST(:w AS jsonb), :h)
                        ON CONFLICT (tenant_id) DO UPDATE
                           SET weights = EXCLUDED.weights, half_life_days = EXCLUDED.half_life_days, updated_at = now()""")
                .param("t", tenantId)
                .param("w", json.writeValueAsString(weights))
                .param("h", model.halfLifeDays())
                .update();
    }

    private Map<EventType, Double> weights(String text) {
        Map<EventType, Double> weights = new EnumMap<>(EventType.class);
        json.readValue(text, WEIGHTS).forEach((type, weight) -> weights.put(EventType.fromDbValue(type), weight));
        return weights;
    }
}
