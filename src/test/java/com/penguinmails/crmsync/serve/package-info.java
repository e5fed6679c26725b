/** Tests of {@code crm-sync serve}: replicas on a real PostgreSQL, driven over HTTP with the fake CRM's webhooks. */
@NullMarked
package com.penguinmails.crmsync.serve;

import org.jspecify.annotations.NullMarked;
