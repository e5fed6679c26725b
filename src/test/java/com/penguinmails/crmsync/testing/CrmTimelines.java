package com.penguinmails.crmsync.testing;

import java.util.List;

/**
 * What a CRM's timeline holds of the suite's activities, read through the vendor's public API as a rep's screen
 * would. Each driver reads its own CRM's ({@link CrmDriver#timeline()}: Salesforce Tasks by SOQL, HubSpot emails and
 * tasks with their contact associations, Pipedrive activities with the marker in their note), in one shape, so tests
 * assert the same things of each.
 */
public interface CrmTimelines {

    /**
     * One activity on a timeline. {@code open}: a to-do (follow-up), not a logged e-mail. {@code whoId}: the record
     * it is on (for HubSpot the object path; ask {@link #who}).
     */
    record Logged(String key, String crmId, String whoId, String subject, String body, boolean open,
                  String status, String owner, String company) {
    }

    /** Every activity logged by the suite (those with a PenguinMails key). */
    List<Logged> all() throws Exception;

    /**
     * The record an activity is on. A CRM whose activities do not carry it (HubSpot: its contact association) reads
     * it here, one call each, so that {@link #all} does not make them (HubSpot's ten-second limit counts reads too).
     */
    default String who(Logged logged) throws Exception {
        return logged.whoId();
    }

    /** The company an activity shows on: HubSpot's company association, Pipedrive's organization. */
    default String company(Logged logged) throws Exception {
        return logged.company();
    }
}
