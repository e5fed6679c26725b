/**
 * The {@code lead-score} job: per tenant, recomputes the engagement score of contacts with new events and marks changed ones for outbound sync.
 */
@NullMarked
package com.penguinmails.crmsync.job.leadscore;

import org.jspecify.annotations.NullMarked;
