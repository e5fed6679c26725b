/**
 * What every job shares: run parameters, tenant partitioning by shard, one run per connection (run locks), launch
 * and restart, failure causes, progress, the partitioned steps every job builds the same way
 * ({@link com.penguinmails.crmsync.job.support.PartitionedSteps}), and the safety net that narrows a failed chunk to
 * the records that fail alone ({@link com.penguinmails.crmsync.job.support.RecordSafetyNet}).
 */
@NullMarked
package com.penguinmails.crmsync.job.support;

import org.jspecify.annotations.NullMarked;
