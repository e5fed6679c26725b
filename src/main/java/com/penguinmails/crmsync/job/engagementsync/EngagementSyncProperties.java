package com.penguinmails.crmsync.job.engagementsync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code engagement-sync} job ({@code crmsync.engagement-sync.*}).
 *
 * @param chunkSize       e-mails per chunk (one transaction, one activity call per CRM batch)
 * @param pageSize        events read per query
 * @param unlinkedMaxWait how long an e-mail waits for its contact to be linked (or for the CRM to take it) before it
 *                        is dropped and counted
 * @param initialLookback on a connection's first run, events older than this are not logged
 */
@ConfigurationProperties("crmsync.engagement-sync")
public record EngagementSyncProperties(@DefaultValue("200") int chunkSize, @DefaultValue("2000") int pageSize,
                                       @DefaultValue("P7D") Duration unlinkedMaxWait,
                                       @DefaultValue("P30D") Duration initialLookback) {
}
