package com.penguinmails.crmsync.job.engagementsync;

import com.penguinmails.crmsync.core.CrmDescription;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code engagement-sync} job ({@code crmsync.engagement-sync.*}).
 *
 * @param chunkSize       e-mails per chunk (one transaction, one activity call per CRM batch), where
 *                        {@code chunkSizePerCrm} sets nothing for the CRM
 * @param pageSize        events read per query
 * @param unlinkedMaxWait how long an e-mail waits for its contact to be linked (or for the CRM to take it) before it
 *                        is dropped and counted
 * @param initialLookback on a connection's first run, events older than this are not logged
 * @param chunkSizePerCrm e-mails per chunk, per CRM id; 0 means {@code chunkSize}, a CRM not listed takes its
 *                        provider's default (Salesforce's 2,500 is above its connector's Bulk API 2.0 threshold,
 *                        more than 2,000 Tasks at once, so a large first run logs its Tasks through a few ingest jobs
 *                        while a regular five-minute run stays on SOAP; HubSpot's 1,000 lets the few follow-up tasks
 *                        of a chunk share full batches of 100; Pipedrive writes one activity per call whatever the
 *                        chunk)
 * @param lateCommitWindow events inserted this recently are read again by the next run, so an event whose
 *                         transaction took its id before a run read past it, and committed after, is not lost (an
 *                         unchanged e-mail costs no API call)
 */
@ConfigurationProperties("crmsync.engagement-sync")
public record EngagementSyncProperties(@DefaultValue("200") int chunkSize, @DefaultValue("2000") int pageSize,
                                       @DefaultValue("P7D") Duration unlinkedMaxWait,
                                       @DefaultValue("P30D") Duration initialLookback,
                                       @DefaultValue Map<String, Integer> chunkSizePerCrm,
                                       @DefaultValue("PT10M") Duration lateCommitWindow) {

    public EngagementSyncProperties {
        chunkSizePerCrm = Map.copyOf(chunkSizePerCrm);
    }

    /** E-mails per chunk for connections of {@code crm}. */
    public int chunkSize(CrmDescription crm) {
        int size = chunkSizePerCrm.getOrDefault(crm.kind().id(), crm.engagementChunkSize());
        return size > 0 ? size : chunkSize;
    }
}
