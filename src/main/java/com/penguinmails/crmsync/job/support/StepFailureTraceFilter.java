package com.penguinmails.crmsync.job.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.item.ChunkOrientedStep;

/**
 * Keeps Spring Batch's stack traces of a failed step or chunk ("Encountered an error executing step ...", "Rolling
 * back chunk transaction") out of the log unless the suite logs at DEBUG ({@code --debug}): a revoked grant, a spent
 * quota or a refused field is reported as one line per failed partition instead (the run's summary and {@code show},
 * from {@link FailureCause}). Every other event passes.
 */
public class StepFailureTraceFilter extends Filter<ILoggingEvent> {

    /** The logger whose DEBUG level ({@code --debug}) lets the traces through. */
    static final String SUITE_LOGGER = "com.penguinmails.crmsync";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!isStepFailureTrace(event.getLoggerName(), event.getMessage())) {
            return FilterReply.NEUTRAL;
        }
        return LoggerFactory.getLogger(SUITE_LOGGER).isDebugEnabled() ? FilterReply.NEUTRAL : FilterReply.DENY;
    }

    static boolean isStepFailureTrace(String loggerName, @org.jspecify.annotations.Nullable String message) {
        if (message == null) {
            return false;
        }
        return loggerName.equals(AbstractStep.class.getName())
                && message.startsWith("Encountered an error executing step")
                || loggerName.equals(ChunkOrientedStep.class.getName())
                && message.startsWith("Rolling back chunk transaction");
    }
}
