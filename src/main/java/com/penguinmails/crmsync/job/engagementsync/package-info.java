/**
 * The {@code engagement-sync} job: PenguinMails e-mail activity on the CRM timelines.
 *
 * <p>Per connection, a run reads the tenant's engagement events in (watermark, newest event when the run started],
 * groups them by e-mail and logs each e-mail of a contact linked to the CRM ({@code crm_sync.record_links}) as the
 * CRM's activity: a Salesforce Task ({@code TaskSubtype} Email, upserted by {@code PenguinMails_Id__c}), a HubSpot
 * email engagement (upserted by the unique property {@code penguinmails_activity_key}, associated with the contact),
 * a Pipedrive activity (found again by the {@code [pm:key]} marker in its note). What each activity shows is a pure
 * function of the e-mail's history up to the end of the range ({@link
 * com.penguinmails.crmsync.job.engagementsync.ActivityComposer}), hashed into {@code crm_sync.activity_links}: an
 * unchanged activity is never sent again, a changed one updates its CRM record, and a chunk replayed after a crash
 * upserts the same keys, so the CRM never holds an e-mail twice.
 *
 * <p>E-mails of contacts not linked yet (contact-sync has not brought them in) and e-mails the CRM refused wait in
 * {@code crm_sync.activity_backlog}; each run first retries those that can go now, and drops (and counts in
 * {@code sync_audit}) those older than {@code crmsync.engagement-sync.unlinked-max-wait}. A connection's first run
 * skips events older than {@code crmsync.engagement-sync.initial-lookback}.
 *
 * <p>Connection settings: {@code activityLogging} = {@code per-email} (default: one activity per e-mail with counters,
 * what reps expect on all three CRMs and the fewest API calls) or {@code per-event}; {@code followUpTasks} =
 * {@code true} (default: a reply also makes an open follow-up task on the record) or {@code false}.
 *
 * <p>{@link com.penguinmails.crmsync.job.engagementsync.RealtimeEngagement} pushes one connection's new events at once
 * for {@code crm-sync serve}, through the same reader, writer and watermark listener, as a partition without a run.
 */
@NullMarked
package com.penguinmails.crmsync.job.engagementsync;

import org.jspecify.annotations.NullMarked;
