package com.penguinmails.crmsync.core;

import java.util.List;

/** A contact, its current lead score, and its engagement: what a lead score is computed from. */
public record ContactEngagement(long contactId, int currentScore, List<Engagement> engagements) {

    public ContactEngagement {
        engagements = List.copyOf(engagements);
    }
}
