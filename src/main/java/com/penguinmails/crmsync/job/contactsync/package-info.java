/**
 * The {@code contact-sync} job: per CRM connection, CRM changes into PenguinMails contacts (inbound), then
 * PenguinMails changes into the CRM (outbound), with field maps, three-way merges, sticky consent and dead letters.
 */
@NullMarked
package com.penguinmails.crmsync.job.contactsync;

import org.jspecify.annotations.NullMarked;
