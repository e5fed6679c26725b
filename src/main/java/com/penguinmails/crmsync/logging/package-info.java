/**
 * Logging set-up the suite's {@code logback-spring.xml} uses: which of its two standard-error appenders (human text,
 * or ECS JSON when {@code CRMSYNC_LOG_FORMAT=json}) writes the lines. The ids on each line of a partition come from
 * the logging MDC ({@code tenant}, {@code connection}, {@code execution}), set by the partition's listener.
 */
@NullMarked
package com.penguinmails.crmsync.logging;

import org.jspecify.annotations.NullMarked;
