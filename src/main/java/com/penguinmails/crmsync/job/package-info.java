/**
 * One package per Spring Batch job, plus the launch, partitioning and progress machinery they share in {@code support}.
 */
@NullMarked
package com.penguinmails.crmsync.job;

import org.jspecify.annotations.NullMarked;
