/**
 * What every job shares: run parameters, tenant partitioning by shard, one run per connection (run locks), launch
 * and restart, failure causes, progress.
 */
@NullMarked
package com.penguinmails.crmsync.job.support;

import org.jspecify.annotations.NullMarked;
