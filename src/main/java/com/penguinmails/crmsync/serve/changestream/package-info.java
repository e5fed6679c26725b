/**
 * The service's CRM change streams ({@code crm-sync serve}): for each active connection whose CRM has a change
 * stream (Salesforce Change Data Capture), exactly one subscriber across all replicas, elected by a PostgreSQL
 * advisory lock per connection; each batch of events is stored as change notices together with the stream's
 * position in one transaction, and applied later by the service's dispatcher.
 */
@NullMarked
package com.penguinmails.crmsync.serve.changestream;

import org.jspecify.annotations.NullMarked;
