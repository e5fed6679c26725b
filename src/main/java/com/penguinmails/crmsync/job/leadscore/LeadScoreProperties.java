package com.penguinmails.crmsync.job.leadscore;

import com.penguinmails.crmsync.core.EventType;
import com.penguinmails.crmsync.core.LeadScoreModel;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Defaults of the {@code lead-score} job ({@code crmsync.lead-score.*}), shipped in {@code jobs/lead-score.yml}.
 * A tenant's own row in {@code crm_sync.lead_score_settings} overrides the weights and half-life.
 *
 * @param weights      points per event type, before decay
 * @param halfLifeDays days after which an event counts half
 * @param chunkSize    contacts per chunk (one transaction)
 * @param lateCommitWindow events inserted this recently are read again by the next run, so an event whose
 *                     transaction committed after a run had read past its id is still scored (re-scoring a contact
 *                     whose score did not change writes nothing)
 */
@ConfigurationProperties("crmsync.lead-score")
public record LeadScoreProperties(
        Map<EventType, Double> weights,
        @DefaultValue("30") double halfLifeDays,
        @DefaultValue("500") int chunkSize,
        @DefaultValue("PT10M") java.time.Duration lateCommitWindow) {

    public LeadScoreProperties {
        weights = weights == null ? Map.of() : Map.copyOf(weights);
        if (chunkSize < 1) {
            throw new IllegalArgumentException("crmsync.lead-score.chunk-size must be at least 1, was " + chunkSize);
        }
    }

    public LeadScoreModel defaultModel() {
        return new LeadScoreModel(weights, halfLifeDays);
    }
}
