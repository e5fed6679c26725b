/**
 * The HubSpot connector: CRM v3 search for changes (keyset windows on the last-modified date), archived lists and
 * merged ids for deletions, batch writes of 100 with per-record results, email engagements logged idempotently, all
 * through the connection's {@link com.penguinmails.crmsync.connector.support.ApiExecutor}.
 */
@NullMarked
package com.penguinmails.crmsync.connector.hubspot;

import org.jspecify.annotations.NullMarked;
