package com.penguinmails.crmsync.job.contactsync;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code contact-sync} job ({@code crmsync.contact-sync.*}).
 *
 * @param chunkSize records per chunk (one PenguinMails transaction)
 * @param pageSize  records asked of the CRM per change-feed page
 */
@ConfigurationProperties("crmsync.contact-sync")
public record ContactSyncProperties(@DefaultValue("200") int chunkSize, @DefaultValue("200") int pageSize) {
}
