package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.core.CrmDescription;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code contact-sync} job ({@code crmsync.contact-sync.*}).
 *
 * @param chunkSize              records per chunk (one PenguinMails transaction) inbound, and outbound where
 *                               {@code outboundChunkSize} sets nothing for the CRM
 * @param pageSize               records asked of the CRM per change-feed page; each connector caps it at its API's
 *                               maximum (HubSpot search 200, Pipedrive 500, Salesforce 2,000 per query batch)
 * @param outboundChunkSize      contacts per outbound chunk, per CRM id (one upsert call to the connector per
 *                               object); 0 means {@code chunkSize}, a CRM not listed takes its provider's default
 *                               (Salesforce's 5,000 is above its connector's Bulk API 2.0 threshold, more than 2,000
 *                               records in one upsert, so a large push runs as a few ingest jobs instead of a SOAP
 *                               call per 200; a failed chunk is replayed whole, idempotently, by CRM id or external
 *                               id. HubSpot writes 100 and Pipedrive one record per call whatever the chunk, so
 *                               smaller chunks only bound what a replay repeats)
 * @param deletionProbe          how a CRM whose change feed leaves deletions out (Pipedrive) is asked about them
 */
@ConfigurationProperties("crmsync.contact-sync")
public record ContactSyncProperties(@DefaultValue("200") int chunkSize, @DefaultValue("2000") int pageSize,
                                    @DefaultValue Map<String, Integer> outboundChunkSize,
                                    @DefaultValue DeletionProbe deletionProbe) {

    public ContactSyncProperties {
        outboundChunkSize = Map.copyOf(outboundChunkSize);
    }

    /**
     * The deletion probe: after its change feed, an inbound partition asks the CRM about up to {@code idsPerRun} of
     * the connection's live links, {@code pageSize} at a time, taking up where the previous run stopped and wrapping
     * round, so every link is probed every {@code links / idsPerRun} runs. On Pipedrive a page of up to 500 ids
     * costs one list call per 100 ids (v2 lists, about 10 tokens each) plus one get per deleted id: the default 5,000
     * ids cost about 50 calls and 500 tokens a run, 12,000 tokens a day when hourly (2% of an Advanced 10-seat
     * budget). A page above 500 ids would make the connector list every live person instead.
     */
    public record DeletionProbe(@DefaultValue("5000") int idsPerRun, @DefaultValue("500") int pageSize) {
    }

    /** Contacts per outbound chunk for connections of {@code crm}. */
    public int outboundChunkSize(CrmDescription crm) {
        int size = outboundChunkSize.getOrDefault(crm.kind().id(), crm.outboundChunkSize());
        return size > 0 ? size : chunkSize;
    }
}
