package com.penguinmails.crmsync.job.leadscore;

import com.penguinmails.crmsync.core.ContactEngagement;
import com.penguinmails.crmsync.core.ScoreChange;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Scores one contact. Returns {@code null}, which filters the item, when the score is what the contact already has:
 * only real changes are written and marked for outbound sync.
 */
class LeadScoreProcessor implements ItemProcessor<ContactEngagement, ScoreChange> {

    private final LeadScoreCalculator calculator;
    private final Instant asOf;

    public LeadScoreProcessor(LeadScoreCalculator calculator, Instant asOf) {
        this.calculator = calculator;
        this.asOf = asOf;
    }

    @Override
    public @Nullable ScoreChange process(ContactEngagement contact) {
        int score = calculator.score(contact.engagements(), asOf);
        return score == contact.currentScore() ? null : new ScoreChange(contact.contactId(), contact.currentScore(), score);
    }
}
