/**
 * What contact-sync and lead-score share: the push of a tenant's changed PenguinMails contacts to one CRM connection
 * (the range a partition reads, fixed when it starts, {@link com.penguinmails.crmsync.job.contactpush.OutboundRange};
 * its reader; the outbound writer; the listener that moves the push's watermark), and the connection target and
 * stores every contact writer, inbound or outbound, reports through. contact-sync's outbound step and lead-score's
 * score push are both this path, each with its own watermark stream; no job package imports another.
 * {@link com.penguinmails.crmsync.job.contactpush.RealtimeContactPush} is the same push of one connection at once, for
 * {@code crm-sync serve}.
 */
@NullMarked
package com.penguinmails.crmsync.job.contactpush;

import org.jspecify.annotations.NullMarked;
