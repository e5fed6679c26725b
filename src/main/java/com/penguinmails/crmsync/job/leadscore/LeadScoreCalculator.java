package com.penguinmails.crmsync.job.leadscore;

import com.penguinmails.crmsync.core.Engagement;
import com.penguinmails.crmsync.core.LeadScoreModel;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The lead score: the sum over a contact's engagement of {@code weight(type) * 0.5^(age / half-life)}, rounded and
 * clamped to 0..100. Engagement after {@code asOf} does not count; the score of the same data as of the same instant
 * is always the same, which is what makes a restarted run end where an uninterrupted one would.
 */
final class LeadScoreCalculator {

    public static final int MIN = 0;
    public static final int MAX = 100;

    private static final double NANOS_PER_DAY = 86_400e9;

    private final LeadScoreModel model;

    public LeadScoreCalculator(LeadScoreModel model) {
        this.model = model;
    }

    public int score(Collection<Engagement> engagements, Instant asOf) {
        double total = 0;
        for (Engagement engagement : engagements) {
            if (engagement.occurredAt().isAfter(asOf)) {
                continue;
            }
            double ageDays = Duration.between(engagement.occurredAt(), asOf).toNanos() / NANOS_PER_DAY;
            total += model.weight(engagement.type()) * Math.pow(0.5, ageDays / model.halfLifeDays());
        }
        return (int) Math.max(MIN, Math.min(MAX, Math.round(total)));
    }
}
