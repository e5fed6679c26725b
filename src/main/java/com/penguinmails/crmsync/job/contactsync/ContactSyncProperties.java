package com.penguinmails.crmsync.job.contactsync;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code contact-sync} job ({@code crmsync.contact-sync.*}).
 *
 * @param chunkSize records per chunk (one PenguinMails transaction)
 * @param pageSize  records asked of the CRM per change-feed page; each connector caps it at its API's maximum
 *                  (HubSpot search 200, Pipedrive 500, Salesforce 2,000 per query batch)
 */
@ConfigurationProperties("crmsync.contact-sync")
public record ContactSyncProperties(@DefaultValue("200") int chunkSize, @DefaultValue("2000") int pageSize) {
}
