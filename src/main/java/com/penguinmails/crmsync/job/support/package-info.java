/**
 * What every job shares: run parameters, tenant partitioning by shard, the one-run-per-job-and-shard lock, launch and restart, progress.
 */
@NullMarked
package com.penguinmails.crmsync.job.support;

import org.jspecify.annotations.NullMarked;
