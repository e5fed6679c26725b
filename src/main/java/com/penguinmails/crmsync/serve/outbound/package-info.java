/**
 * Outbound real time of {@code crm-sync serve}: PenguinMails engagement events and contact changes pushed to the CRMs
 * seconds after they commit. A dedicated database session listens on {@code crm_sync_outbound} (V15's triggers notify
 * it with connection ids); each notified connection is pushed through its job's real-time entry point
 * ({@code RealtimeEngagement}, {@code RealtimeContactPush}) under that job's lock on the connection, so a CronJob run
 * and the service, or two replicas, never push one connection at once; bursts coalesce per connection; a periodic
 * sweep pushes connections with pending work whose notification was lost.
 */
@NullMarked
package com.penguinmails.crmsync.serve.outbound;

import org.jspecify.annotations.NullMarked;
