package com.penguinmails.crmsync.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class LogFormatFilterTest {

    private static FilterReply decide(String format, boolean jsonAppender) {
        LogFormatFilter filter = new LogFormatFilter();
        filter.setFormat(format);
        filter.setJson(jsonAppender);
        LoggingEvent event = new LoggingEvent("x", new LoggerContext().getLogger("x"), Level.INFO, "hello", null,
                null);
        return filter.decide(event);
    }

    @Test
    void jsonFormatLetsOnlyTheJsonAppenderWrite() {
        assertThat(decide("json", true)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(" JSON ", true)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("json", false)).isEqualTo(FilterReply.DENY);
    }

    @Test
    void anyOtherFormatLetsOnlyTheTextAppenderWrite() {
        assertThat(decide("text", false)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("", false)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("text", true)).isEqualTo(FilterReply.DENY);
    }
}
