/**
 * Sync health, read for people: per connection its state, last and next sync, records in and out, lag, errors and
 * warnings grouped by reason with examples, API usage against its allocation, OAuth health; the activity (audit) log
 * paged and filtered; the last 24 hours in buckets for the console's chart; and the actions on errors (retry,
 * ignore) with their audit. One read model for the API ({@code serve/api}), the console ({@code serve/console}) and
 * the CLI ({@code connections list}, {@code audit list}). Reads the store's tables with set-based SQL; changes
 * nothing but the errors it is asked to retry or ignore.
 */
@NullMarked
package com.penguinmails.crmsync.monitor;

import org.jspecify.annotations.NullMarked;
