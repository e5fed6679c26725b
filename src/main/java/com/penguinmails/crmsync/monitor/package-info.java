/**
 * Sync health, read for people: per connection its state, last and next sync, records in and out, lag, errors and
 * warnings grouped by reason with examples, API usage against its allocation, OAuth health; the activity (audit) log
 * paged and filtered; the last 24 hours in buckets for the console's chart; and the actions on errors (retry,
 * ignore) with their audit. One read model for the API ({@code serve/api}), the console ({@code serve/console}) and
 * the CLI ({@code connections list}, {@code audit list}). Reads the store's tables with set-based SQL; changes
 * nothing but the errors it is asked to retry or ignore. Depends only on {@code core} and {@code store}.
 *
 * <h2>How each number is computed</h2>
 * <ul>
 * <li><b>A connection's runs</b>: the sync jobs partition by connection; each partition's step execution is named
 * {@code <worker step>:connection-<id>} (Spring Batch's {@code step:partition}, {@code ConnectionPartitioner}). A
 * connection's run is one job execution's partition steps of it: FAILED when one failed, STARTED while one runs,
 * STOPPED when one stopped, COMPLETED when all completed; its time is the last step's end (start while running).
 * Spring Batch stores local times of the JVM (read in the JVM's zone).</li>
 * <li><b>lastSuccessfulSync</b>: the end of its latest COMPLETED run, any job. <b>lastRun</b>: its latest run, any
 * outcome.</li>
 * <li><b>nextSync</b>: lastSuccessfulSync + its {@code syncFrequency} (15m, 1h default, 4h, 1d); now when that is
 * past or it never synced; null when it does not sync (disabled, auth_failed, disconnected, or quota-paused).</li>
 * <li><b>recordsIn / recordsOut</b> (last 24 hours): from the runs' {@code sync_audit} rows of the connection
 * ({@code job_name <> 'admin'}): in = the {@code written} detail of {@code inbound} rows (contacts, leads, companies
 * written into PenguinMails); out = {@code record_count} of {@code outbound} (contacts written to the CRM) and
 * {@code activities} (activities logged) rows. Lead scores reach the CRM through the outbound contact push, so they
 * are counted there.</li>
 * <li><b>lag</b>: now minus the oldest change the connection has still to sync: a {@code contact_changes} mark at or
 * past its {@code contact-sync.outbound} watermark (all of the tenant's when it never pushed) that is not only its
 * own inbound echo ({@code crm-echo:<id>}), or a pending {@code change_notices} row (received, not applied); zero
 * when none; null when it does not sync.</li>
 * <li><b>Error reason categories</b>: {@code sync_errors.category} (V19), a column generated from the free-text
 * reason by fixed rules (first that matches): rate_limited, missing_email, invalid_email, duplicate_email,
 * field_too_long, field_unavailable, invalid_phone, invalid_date, invalid_value, value_cleaned, database_refused,
 * crm_refused, other. Groups, retry and ignore by reason use it.</li>
 * <li><b>openErrors / openWarnings</b>: its open {@code sync_errors} rows of kind error / warning.</li>
 * <li><b>apiUsage</b>: today's (UTC) {@code api_usage} row: calls, the CRM's daily limit and remaining calls as last
 * reported; allocation = its {@code dailyShare} setting, else the connector's default (Pipedrive 0.8, others 0.5);
 * pausedUntil = {@code connections.quota_paused_until}.</li>
 * <li><b>oauth</b>: {@code credentials.kind} (none when it has none), {@code expires_at}, {@code updated_at} (the
 * last refresh or grant), and whether it needs re-authorisation (state {@code auth_failed}); never the secret.</li>
 * <li><b>health</b> ({@link com.penguinmails.crmsync.monitor.HealthRule}, first that applies): DISCONNECTED;
 * FAILING when auth_failed; PAUSED when disabled or quota-paused; FAILING when its last run failed; WARNING with open
 * errors or warnings, or when its last successful sync (or its creation) is older than twice its frequency;
 * else HEALTHY.</li>
 * <li><b>activity</b>: buckets aligned to their size (UTC), the last holding now: records in and out as above by
 * the audit row's time, errors first recorded in the bucket, lagSeconds the longest a real-time change took from
 * the CRM ({@code occurred_at}) to being applied ({@code applied_at}) among notices applied in the bucket (null when
 * none).</li>
 * <li><b>audit</b>: {@code sync_audit} newest first; {@code actor = people} selects every change made by a person
 * (an actor that is not {@code system:...}); runs' rows have no actor.</li>
 * </ul>
 */
@NullMarked
package com.penguinmails.crmsync.monitor;

import org.jspecify.annotations.NullMarked;
