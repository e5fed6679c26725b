/**
 * The monitoring API: connections' health, their errors grouped by reason (and retrying or ignoring them, audited
 * with the caller), their activity in buckets, and the audit log, all scoped to the caller's tenant (an operator sees
 * every tenant). A thin layer over {@code monitor}'s read model.
 */
@NullMarked
package com.penguinmails.crmsync.serve.api.monitor;

import org.jspecify.annotations.NullMarked;
