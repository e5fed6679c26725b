package com.penguinmails.crmsync.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Locale;

/**
 * Lets a log line through an appender only when the appender is the one of the configured log format
 * ({@code crmsync.log.format}: {@code json}, or anything else for text): {@code logback-spring.xml} has one appender
 * per format and this filter on each, so exactly one of them writes every line.
 */
public class LogFormatFilter extends Filter<ILoggingEvent> {

    private String format = "text";
    private boolean json;

    /** The configured format ({@code json} or {@code text}). */
    public void setFormat(String format) {
        this.format = format;
    }

    /** Whether the appender this filter guards writes JSON. */
    public void setJson(boolean json) {
        this.json = json;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return writesJson(format) == json ? FilterReply.NEUTRAL : FilterReply.DENY;
    }

    /** Whether {@code format} asks for JSON lines. */
    static boolean writesJson(String format) {
        return "json".equals(format.strip().toLowerCase(Locale.ROOT));
    }
}
