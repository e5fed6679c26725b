package com.penguinmails.crmsync.serve.outbound;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code crm_sync_outbound} notification (V15): which push of which connection has something new, and for
 * engagement the smallest new event id. Payloads: {@code engagement:<connection>:<first event id>},
 * {@code contacts:<connection>}.
 *
 * @param reachBackTo the smallest event id notified (engagement), else 0
 */
record OutboundNotice(Push push, long connectionId, long reachBackTo) {

    /** The pushes the service makes, each under its job's lock. */
    enum Push { ENGAGEMENT, CONTACTS }

    private static final Pattern PAYLOAD = Pattern.compile("(engagement):(\\d{1,18}):(\\d{1,18})|(contacts):(\\d{1,18})");

    /** The notice a payload carries; empty for one this version does not know. */
    static Optional<OutboundNotice> parse(String payload) {
        Matcher m = PAYLOAD.matcher(payload);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) != null
                ? new OutboundNotice(Push.ENGAGEMENT, Long.parseLong(m.group(2)), Long.parseLong(m.group(3)))
                : new OutboundNotice(Push.CONTACTS, Long.parseLong(m.group(5)), 0));
    }
}
