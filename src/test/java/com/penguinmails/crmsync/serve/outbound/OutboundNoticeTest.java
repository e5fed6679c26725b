package com.penguinmails.crmsync.serve.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.serve.outbound.OutboundNotice.Push;
import org.junit.jupiter.api.Test;

/** The payloads V15's triggers send, read back; anything else is ignored, not guessed at. */
class OutboundNoticeTest {

    @Test
    void anEngagementPayloadNamesTheConnectionAndTheFirstNewEvent() {
        assertThat(OutboundNotice.parse("engagement:12:3456"))
                .contains(new OutboundNotice(Push.ENGAGEMENT, 12, 3456));
    }

    @Test
    void aContactsPayloadNamesTheConnection() {
        assertThat(OutboundNotice.parse("contacts:7")).contains(new OutboundNotice(Push.CONTACTS, 7, 0));
    }

    @Test
    void anUnknownOrMalformedPayloadIsIgnored() {
        assertThat(OutboundNotice.parse("deals:7")).isEmpty();
        assertThat(OutboundNotice.parse("contacts:")).isEmpty();
        assertThat(OutboundNotice.parse("contacts:7:8")).isEmpty();
        assertThat(OutboundNotice.parse("engagement:1")).isEmpty();
        assertThat(OutboundNotice.parse("contacts:99999999999999999999")).isEmpty();
    }
}
